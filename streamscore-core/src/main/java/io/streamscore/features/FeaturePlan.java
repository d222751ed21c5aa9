package io.streamscore.features;

import java.io.Serializable;
import java.util.List;

/**
 * Everything the feature stage computes, compiled from a spec's {@code features} section: the windowed feature
 * groups (one keyed operator each), then the derived features, and the names of the resulting columns of
 * {@link io.streamscore.event.Event#features} in order (groups' columns first, by offset, then one per derived
 * feature).
 */
public record FeaturePlan(List<FeatureGroup> groups, List<DerivedFeature> derived, List<String> columns)
        implements Serializable {
    public static final FeaturePlan EMPTY = new FeaturePlan(List.of(), List.of(), List.of());

    public FeaturePlan {
        groups = List.copyOf(groups);
        derived = List.copyOf(derived);
        columns = List.copyOf(columns);
    }

    public int width() {
        return columns.size();
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /** Column index of the derived feature at {@code index} in {@link #derived()}. */
    public int derivedColumn(int index) {
        return columns.size() - derived.size() + index;
    }
}

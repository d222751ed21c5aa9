package io.streamscore.spec;

import java.util.List;

/** The {@code features} section: windowed features, then derived ones, in the order written. */
public record FeaturesSpec(List<FeatureSpec> windowed, List<DerivedFeatureSpec> derived) {
    public static final FeaturesSpec NONE = new FeaturesSpec(List.of(), List.of());

    public FeaturesSpec {
        windowed = List.copyOf(windowed);
        derived = List.copyOf(derived);
    }

    public boolean isEmpty() {
        return windowed.isEmpty() && derived.isEmpty();
    }
}

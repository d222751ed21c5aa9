package io.streamscore.spec;

import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One windowed feature as the spec declares it: computed over the events of {@code source} that share the values
 * of {@code key} (one field or several), aggregating {@code field} over {@code window}, optionally only over
 * events matching {@code filter} (a boolean expression over the source's fields).
 *
 * @param field null for {@code count}
 * @param tile null for the default (window / 300)
 * @param filter null for every event
 * @param lastN values kept by {@code last_n}; 0 otherwise
 * @param distinctCap exact-distinct cap of {@code distinct_count}; 0 otherwise
 */
public record FeatureSpec(String name, String source, List<String> key, Aggregation aggregation, String field,
                          Duration window, Duration tile, String filter, int lastN, int distinctCap) {
    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(window, "window");
        key = List.copyOf(key);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("feature " + name + " needs at least one key field");
        }
    }

    /** The feature's columns: its name, or {@code <name>_1 .. <name>_n} for {@code last_n} (newest first). */
    public List<String> columns() {
        return FeatureDefinition.columnNames(name, aggregation, lastN);
    }
}

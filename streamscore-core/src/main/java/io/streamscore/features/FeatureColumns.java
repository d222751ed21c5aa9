package io.streamscore.features;

import io.streamscore.event.Event;
import java.util.Arrays;

/**
 * How feature values map to {@link Event#features} columns: one column per feature, n columns for a {@code last_n}
 * feature (newest first, NaN-padded), in the feature set's order from the group's offset. Shared by the stream's
 * feature operators and the offline replay that builds training sets, so both lay out columns identically.
 */
public final class FeatureColumns {
    private FeatureColumns() {}

    /** The event's feature columns, allocated NaN-filled at the plan's width on first use. */
    public static double[] of(Event event, int width) {
        if (event.features == null) {
            event.features = new double[width];
            Arrays.fill(event.features, Double.NaN);
        } else if (event.features.length != width) {
            throw new IllegalStateException("event " + event.eventId + " carries " + event.features.length
                    + " feature columns, the plan has " + width);
        }
        return event.features;
    }

    /** Columns a feature set fills. */
    public static int width(FeatureSet features) {
        int width = 0;
        for (FeatureDefinition definition : features.definitions()) {
            width += width(definition);
        }
        return width;
    }

    public static void write(FeatureVector vector, double[] columns, int offset) {
        FeatureSet features = vector.features();
        int column = offset;
        for (int f = 0; f < features.size(); f++) {
            FeatureDefinition definition = features.definition(f);
            if (definition.aggregation() == Aggregation.LAST_N) {
                double[] newestFirst = vector.lastValues(f);
                System.arraycopy(newestFirst, 0, columns, column, newestFirst.length);
                Arrays.fill(columns, column + newestFirst.length, column + definition.lastN(), Double.NaN);
            } else {
                columns[column] = vector.value(f);
            }
            column += width(definition);
        }
    }

    private static int width(FeatureDefinition definition) {
        return definition.aggregation() == Aggregation.LAST_N ? definition.lastN() : 1;
    }
}

package io.streamscore.features;

import io.streamscore.event.EventField;

/**
 * What one feature reads from an event, evaluated once when the event arrives: the filter, then the field. A feature
 * stores either a number ({@code NaN} = does not contribute) or, for exact distinct counts, the hash of a key
 * ({@link DistinctKeys#NONE} = does not contribute); approximate distinct counts store the HyperLogLog code of the
 * key as their number.
 */
record FeatureInput(Aggregation aggregation, EventField field, FeatureFilter filter) implements java.io.Serializable {

    static FeatureInput of(FeatureDefinition definition) {
        return new FeatureInput(definition.aggregation(), definition.field(), definition.filter());
    }

    boolean usesKey() {
        return aggregation == Aggregation.DISTINCT_COUNT;
    }

    double number(double[] numbers, String[] strings) {
        if (!filter.test(numbers, strings)) {
            return Double.NaN;
        }
        if (aggregation == Aggregation.APPROX_DISTINCT) {
            Object key = read(numbers, strings);
            return key == null ? Double.NaN : HyperLogLogWindow.code(key);
        }
        if (field == null) {
            return 1.0;
        }
        double value = field.type().isNumeric() ? numbers[field.slot()] : Double.NaN;
        return aggregation == Aggregation.COUNT && !Double.isNaN(value) ? 1.0 : value;
    }

    /** The value's {@link DistinctKeys#keyHash}, {@link DistinctKeys#NONE} when the event does not contribute. */
    long keyHash(double[] numbers, String[] strings) {
        if (!filter.test(numbers, strings)) {
            return DistinctKeys.NONE;
        }
        if (!field.type().isNumeric()) {
            String value = strings[field.slot()];
            return value == null ? DistinctKeys.NONE : DistinctKeys.notNone(DistinctKeys.hash(value));
        }
        double value = numbers[field.slot()];
        return Double.isNaN(value) ? DistinctKeys.NONE : DistinctKeys.notNone(DistinctKeys.hash(value));
    }

    private Object read(double[] numbers, String[] strings) {
        if (!field.type().isNumeric()) {
            return strings[field.slot()];
        }
        double value = numbers[field.slot()];
        return Double.isNaN(value) ? null : value;
    }
}

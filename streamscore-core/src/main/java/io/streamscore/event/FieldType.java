package io.streamscore.event;

/**
 * The value types an event field can have. Numbers, longs and booleans share the event's numeric
 * slots (a long survives as a double up to 2^53, which covers epoch milliseconds); strings have their own.
 */
public enum FieldType {
    STRING,
    DOUBLE,
    LONG,
    BOOLEAN;

    public boolean isNumeric() {
        return this != STRING;
    }
}

package io.streamscore.event;

import java.io.Serializable;
import java.util.Objects;

/**
 * One field of an {@link EventSchema}: its dotted name (nested records are flattened, e.g. {@code after.country}),
 * its type, whether it may be null, and the slot it occupies in the event's numeric or string array.
 * Serializable because {@link EventSchema} (and every codec holding one) travels inside Flink operators.
 */
public record EventField(String name, FieldType type, boolean nullable, int slot) implements Serializable {
    public EventField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be >= 0, was " + slot);
        }
    }
}

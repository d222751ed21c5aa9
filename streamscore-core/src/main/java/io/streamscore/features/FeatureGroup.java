package io.streamscore.features;

import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The windowed features that share a source and a key: one keyed state per key value, one state access per event.
 * Their values go to the event's feature columns {@code [offset, offset + columns.size())}.
 *
 * @param keyFields the source's fields whose values form the key (one or several)
 * @param columns output column names of this group, in order ({@code last_n} features take n columns)
 */
public record FeatureGroup(String source, List<EventField> keyFields, FeatureSet features, int offset,
                           List<String> columns) implements Serializable {
    /** Separates the values of a compound key; escaped inside values. */
    public static final char KEY_SEPARATOR = '|';

    public FeatureGroup {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(features, "features");
        keyFields = List.copyOf(keyFields);
        columns = List.copyOf(columns);
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException("a feature group needs at least one key field");
        }
    }

    /** True for the events this group computes features for: those of its source. */
    public boolean appliesTo(Event event) {
        return source.equals(event.source);
    }

    /**
     * The group's key of an event of its source: the key fields' values, joined by {@link #KEY_SEPARATOR}
     * (a {@code |} or {@code \} inside a value is escaped with {@code \}); a missing value is the empty string.
     */
    public String key(Event event) {
        if (keyFields.size() == 1) {
            return value(event, keyFields.get(0));
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < keyFields.size(); i++) {
            if (i > 0) {
                key.append(KEY_SEPARATOR);
            }
            String value = value(event, keyFields.get(i));
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == KEY_SEPARATOR || ch == '\\') {
                    key.append('\\');
                }
                key.append(ch);
            }
        }
        return key.toString();
    }

    private static String value(Event event, EventField field) {
        if (!field.type().isNumeric()) {
            String value = event.strings[field.slot()];
            return value == null ? "" : value;
        }
        double number = event.numbers[field.slot()];
        if (Double.isNaN(number)) {
            return "";
        }
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number)
                : Double.toString(number);
    }
}

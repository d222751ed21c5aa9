package io.streamscore.spec;

import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import io.streamscore.event.FieldType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A source key that names a field of the source's schema ({@code id_field}, {@code key}, {@code event_time}): the
 * field must exist and have a type the pipeline can use in that role. Checked at load time because a wrong field
 * would otherwise send every record to the dead-letter topic.
 */
record SchemaFieldRule(String role, Set<FieldType> allowedTypes) {
    /** String or long, as the codecs require: a spec that validates must not fail when the job builds its codec. */
    static final SchemaFieldRule ID = new SchemaFieldRule("the event id", Set.of(FieldType.STRING, FieldType.LONG));
    static final SchemaFieldRule KEY = new SchemaFieldRule("the key events are grouped by",
            Set.of(FieldType.STRING, FieldType.LONG));
    static final SchemaFieldRule EVENT_TIME = new SchemaFieldRule("the event time in epoch milliseconds",
            Set.of(FieldType.LONG));

    /** Reports {@code field} at {@code node} unless it is a field of {@code schema} of an allowed type. */
    void check(SpecNode node, String field, EventSchema schema) {
        if (field == null || schema == null) {
            return;
        }
        List<String> usable = schema.fields().stream().filter(f -> allowedTypes.contains(f.type()))
                .map(EventField::name).toList();
        String useOneOf = "use a field of schema '" + schema.name() + "'" + typesNote() + ": "
                + String.join(", ", usable);
        EventField found = schema.field(field).orElse(null);
        if (found == null) {
            String which = node.isPresent() ? "field '" + field + "'" : "the default field '" + field + "'";
            node.error(which + " is not in schema '" + schema.name() + "'",
                    ClosestName.didYouMean(field, usable) + useOneOf);
        } else if (!allowedTypes.contains(found.type())) {
            node.error("field '" + field + "' is " + article(found.type()) + " field, but " + node.key()
                    + " must be a " + typeList() + " field (" + role + ")", useOneOf);
        }
    }

    private String typesNote() {
        return allowedTypes.size() == FieldType.values().length ? "" : " of type " + typeList();
    }

    private String typeList() {
        return allowedTypes.stream().sorted().map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" or "));
    }

    private static String article(FieldType type) {
        return "a " + type.name().toLowerCase(Locale.ROOT);
    }
}

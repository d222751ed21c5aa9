package io.streamscore.spec;

import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import io.streamscore.expression.ExpressionScope;
import java.util.HashMap;
import java.util.Map;

/**
 * The names expressions know a schema file's fields by must be unique: {@code a.b} (nested) and {@code a_b} are both
 * {@code a_b}, and {@code class} is {@code class_}, so two such fields would make an expression ambiguous. The
 * schema is refused, naming both fields, rather than letting one of them silently win.
 */
final class AvroFieldNames {
    private AvroFieldNames() {}

    /** True when every field of {@code schema} has its own expression name; otherwise reports each clash. */
    static boolean check(SpecNode node, String file, EventSchema schema) {
        Map<String, String> fieldByIdentifier = new HashMap<>();
        boolean unique = true;
        for (EventField field : schema.fields()) {
            String identifier = ExpressionScope.identifierOf(field.name());
            String other = fieldByIdentifier.putIfAbsent(identifier, field.name());
            if (other != null) {
                unique = false;
                node.error("schema file '" + file + "' has fields `" + other + "` and `" + field.name()
                        + "`, which expressions would both call `" + identifier + "`",
                        "rename one of the two fields in the schema");
            }
        }
        return unique;
    }
}

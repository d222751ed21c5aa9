package io.streamscore.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Lists everything wrong with a JSON transaction by the rules of the strict decoder, so that a test can check that a
 * malformed record has exactly the one defect it claims. A stand-in for decoding with the project's JSON codec
 * until that is on main; then the tests should decode with it instead.
 */
final class TransactionJsonDefects {
    private static final EventSchema SCHEMA = EventSchema.builtIn("transaction");

    private TransactionJsonDefects() {}

    static Set<DeadLetterReason> of(byte[] value) {
        Set<DeadLetterReason> defects = EnumSet.noneOf(DeadLetterReason.class);
        JsonNode json;
        try {
            json = GeneratorTestKit.STRICT_JSON.readTree(value);
        } catch (IOException strictFailure) {
            try {
                json = GeneratorTestKit.LENIENT_JSON.readTree(value);
            } catch (IOException e) {
                return EnumSet.of(DeadLetterReason.INVALID_JSON);
            }
        }
        for (EventField field : SCHEMA.fields()) {
            fieldDefect(field, json.get(field.name()), defects);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            if (SCHEMA.field(names.next()).isEmpty()) {
                defects.add(DeadLetterReason.UNKNOWN_FIELD);
            }
        }
        return defects;
    }

    private static void fieldDefect(EventField field, JsonNode value, Set<DeadLetterReason> defects) {
        boolean key = field.name().equals("user_id");
        if (value == null || value.isNull()) {
            defects.add(key ? DeadLetterReason.MISSING_KEY : DeadLetterReason.MISSING_FIELD);
        } else if (field.type().isNumeric() ? !value.isNumber() : !value.isTextual()) {
            defects.add(DeadLetterReason.WRONG_TYPE);
        } else if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
            defects.add(DeadLetterReason.NON_FINITE_NUMBER);
        } else if (key && value.textValue().isEmpty()) {
            defects.add(DeadLetterReason.MISSING_KEY);
        }
    }
}

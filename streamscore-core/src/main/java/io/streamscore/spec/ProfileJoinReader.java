package io.streamscore.spec;

import io.streamscore.event.DebeziumEnvelopeCodec;
import io.streamscore.event.EventField;
import io.streamscore.event.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code joins.profiles}: a source of change events ({@code format: debezium_json}) and the columns of its
 * row that each transaction takes from the version valid at its time. Text columns need {@code codes}, since join
 * columns are numbers like every feature column.
 */
final class ProfileJoinReader {
    static final List<String> KEYS = List.of("source", "key", "columns");
    static final List<String> COLUMN_KEYS = List.of("name", "field", "codes");
    private static final String EXAMPLE = "`- name: profile_risk` then `  field: risk_tier`, "
            + "`  codes: {low: 0, medium: 1, high: 2}`";

    private final JoinsSectionReader joins;
    private final JoinsSectionReader.JoinColumnNames names;

    ProfileJoinReader(JoinsSectionReader joins, JoinsSectionReader.JoinColumnNames names) {
        this.joins = joins;
        this.names = names;
    }

    ProfileJoinSpec read(SpecNode profiles) {
        if (!profiles.expectMap("profile join settings (source, key, columns)")) {
            return null;
        }
        int mark = profiles.problems().mark();
        profiles.rejectUnknownKeys(KEYS);
        SpecNode sourceNode = profiles.get("source");
        SourceSpec source = joins.requiredSource(sourceNode, "the CDC topic's source, e.g. `source: profiles`");
        if (source != null && source.format() != Format.DEBEZIUM_JSON) {
            sourceNode.error("source `" + source.name() + "` is not a change-event source",
                    "set `sources." + source.name() + ".format: debezium_json`: the profile table arrives as "
                            + "Debezium change events");
            source = null;
        }
        JoinsSectionReader.checkKey(profiles.get("key"), source);
        SpecNode list = profiles.get("columns");
        List<ProfileColumnSpec> columns = new ArrayList<>();
        if (!list.isPresent() || (list.isList() && list.elements().isEmpty())) {
            list.error("the profile join has no columns", "add `columns:` with at least one item, e.g. " + EXAMPLE);
        } else if (list.expectList("profile columns", EXAMPLE)) {
            for (SpecNode entry : list.elements()) {
                columns.add(readColumn(entry, source));
            }
        }
        if (!profiles.problems().noneSince(mark) || source == null) {
            return null;
        }
        return new ProfileJoinSpec(source.name(), columns);
    }

    private ProfileColumnSpec readColumn(SpecNode entry, SourceSpec source) {
        if (!entry.expectMap("profile column settings (name, field, codes)")) {
            return null;
        }
        entry.rejectUnknownKeys(COLUMN_KEYS);
        String name = names.read(entry.get("name"), "profile_risk");
        SpecNode fieldNode = entry.get("field");
        String field = fieldNode.requiredText("add `field: <column of the row>`, e.g. `field: risk_tier`");
        EventField rowField = source == null || field == null ? null : rowField(fieldNode, field, source);
        Map<String, Double> codes = readCodes(entry.get("codes"), rowField);
        return name == null || rowField == null || codes == null ? null
                : new ProfileColumnSpec(name, field.trim(), codes);
    }

    private static EventField rowField(SpecNode node, String field, SourceSpec source) {
        String path = DebeziumEnvelopeCodec.AFTER + field.trim();
        EventField found = source.schema().field(path).orElse(null);
        if (found == null) {
            List<String> columns = source.schema().fields().stream().map(EventField::name)
                    .filter(n -> n.startsWith(DebeziumEnvelopeCodec.AFTER))
                    .map(n -> n.substring(DebeziumEnvelopeCodec.AFTER.length())).toList();
            node.error("'" + field + "' is not a column of the row of source `" + source.name() + "`",
                    ClosestName.didYouMean(field.trim(), columns) + "use one of: " + String.join(", ", columns));
        }
        return found;
    }

    private static Map<String, Double> readCodes(SpecNode node, EventField field) {
        boolean text = field != null && field.type() == FieldType.STRING;
        if (!node.isPresent()) {
            if (text) {
                node.error("text column `" + field.name() + "` needs `codes`", "map each value to a number, e.g. "
                        + "`codes: {low: 0, medium: 1, high: 2}`; values not listed become NaN");
                return null;
            }
            return Map.of();
        }
        if (field != null && !text) {
            node.error("`codes` applies only to text columns; `" + field.name() + "` is already a number",
                    "remove `codes`");
            return null;
        }
        if (!node.expectMap("text value to number")) {
            return null;
        }
        if (node.entries().isEmpty()) {
            node.error("`codes` is empty: every value of " + (field == null ? "the column" : "`" + field.name() + "`")
                    + " would become NaN",
                    "map each value to a number, e.g. `codes: {low: 0, medium: 1, high: 2}`");
            return null;
        }
        Map<String, Double> codes = new LinkedHashMap<>();
        for (SpecNode code : node.entries().values()) {
            String written = code.text();
            try {
                double value = written == null ? Double.NaN : Double.parseDouble(written.trim());
                if (!Double.isFinite(value)) {
                    throw new NumberFormatException(written);
                }
                codes.put(code.key(), value);
            } catch (NumberFormatException e) {
                code.error("'" + written + "' is not a finite number", "write a number, e.g. `" + code.key()
                        + ": 1`");
            }
        }
        return codes.size() == node.entries().size() ? codes : null;
    }
}

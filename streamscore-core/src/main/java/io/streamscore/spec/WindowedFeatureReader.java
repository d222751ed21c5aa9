package io.streamscore.spec;

import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import io.streamscore.event.FieldType;
import io.streamscore.expression.ExpressionScope;
import io.streamscore.expression.ExpressionType;
import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the settings of one windowed feature: key, aggregation and field, window and tile, filter, and the
 * parameters of {@code last_n} ({@code n}) and {@code distinct_count} ({@code cap}). Fields are checked against the
 * source's schema when the source is known.
 */
final class WindowedFeatureReader {
    static final List<String> KEYS = List.of("key", "aggregation", "field", "window", "tile", "filter", "n", "cap");
    static final Duration MIN_TILE = Duration.ofMillis(1);
    static final int MAX_DISTINCT_CAP = 100_000;

    private static final String AGGREGATIONS = Arrays.stream(Aggregation.values()).map(Aggregation::specName)
            .collect(Collectors.joining(", "));
    private static final SchemaFieldRule NUMERIC_FIELD = new SchemaFieldRule("the values to aggregate; text fields "
            + "work with distinct_count and approx_distinct", EnumSet.of(FieldType.DOUBLE, FieldType.LONG,
            FieldType.BOOLEAN));
    private static final SchemaFieldRule ANY_FIELD = new SchemaFieldRule("the values to aggregate",
            EnumSet.allOf(FieldType.class));

    private WindowedFeatureReader() {}

    /**
     * The feature at {@code entry} named {@code name}; {@code null} when it has a problem, or when its name or source
     * is null (a problem reported by the caller).
     */
    static FeatureSpec read(SpecNode entry, String name, SourceSpec source) {
        int mark = entry.problems().mark();
        EventSchema schema = source == null ? null : source.schema();
        List<String> key = readKey(entry.get("key"), source);
        Aggregation aggregation = readAggregation(entry.get("aggregation"));
        String field = readField(entry.get("field"), aggregation, schema);
        Duration window = entry.get("window").duration(null, FeatureDefinition.MIN_WINDOW,
                FeatureDefinition.MAX_WINDOW, "");
        if (!entry.get("window").isPresent()) {
            entry.get("window").error("required key `window` is missing", "add `window: <duration>` from 1s to 30d, "
                    + "e.g. `window: 5m`: the feature covers the events of the last 5 minutes");
        }
        Duration tile = readTile(entry.get("tile"), window);
        String filter = entry.get("filter").text();
        if (filter != null && schema != null) {
            ExpressionRule.check(entry.get("filter"), filter, ExpressionType.CONDITION, ExpressionScope.of(schema),
                    Map.of());
        }
        int lastN = readParameter(entry.get("n"), aggregation, Aggregation.LAST_N, 0, FeatureDefinition.MAX_LAST_N);
        int cap = readParameter(entry.get("cap"), aggregation, Aggregation.DISTINCT_COUNT,
                FeatureDefinition.DEFAULT_DISTINCT_CAP, MAX_DISTINCT_CAP);
        if (!entry.problems().noneSince(mark) || name == null || source == null) {
            return null;
        }
        return new FeatureSpec(name, source.name(), key, aggregation, field, window, tile, filter, lastN, cap);
    }

    /** One field or a list of fields, each a string or long field; the source's key by default. */
    private static List<String> readKey(SpecNode node, SourceSpec source) {
        if (!node.isPresent()) {
            return source == null ? null : List.of(source.keyField());
        }
        List<SpecNode> fields = node.isList() ? node.elements() : List.of(node);
        if (fields.isEmpty()) {
            node.error("`key` is an empty list", "name at least one field, e.g. `key: user_id`, or leave `key` out "
                    + "to use the source's key");
        }
        List<String> key = new ArrayList<>();
        for (SpecNode field : fields) {
            String name = field.text();
            if (name != null && key.contains(name)) {
                field.error("field '" + name + "' is in the key twice", "list each key field once");
            } else if (name != null) {
                SchemaFieldRule.KEY.check(field, name, source == null ? null : source.schema());
                key.add(name);
            }
        }
        return key;
    }

    private static Aggregation readAggregation(SpecNode node) {
        if (!node.isPresent()) {
            node.error("required key `aggregation` is missing", "add `aggregation:` one of " + AGGREGATIONS
                    + ", or write `expression:` instead for a feature computed from the event and earlier features");
            return null;
        }
        return node.choice(Aggregation.class, null);
    }

    /** The field to aggregate: required except for count, numeric except for the distinct counts. */
    private static String readField(SpecNode node, Aggregation aggregation, EventSchema schema) {
        String field = node.text();
        if (field == null && node.isPresent() || aggregation == null) {
            return field;
        }
        if (field == null) {
            if (aggregation.needsField()) {
                node.error("required key `field` is missing: " + aggregation.specName() + " aggregates a field",
                        "add `field: <field of the source>`, e.g. `field: amount`");
            }
            return null;
        }
        (aggregation.acceptsStrings() ? ANY_FIELD : NUMERIC_FIELD).check(node, field, schema);
        return field;
    }

    /**
     * The tile: from the window / {@link FeatureDefinition#MAX_TILES_PER_WINDOW} (each tile is kept in state) up to
     * the window. The bounds are the window's, so that {@code 0} and a too short tile get the same minimum.
     */
    private static Duration readTile(SpecNode node, Duration window) {
        // With no valid window (reported) only the general bounds can be checked.
        Duration tile = node.duration(null, window == null ? MIN_TILE : Duration.ZERO, FeatureDefinition.MAX_WINDOW,
                "");
        if (tile == null || window == null) {
            return tile;
        }
        Duration minimum = minimumTile(window);
        String fix = "use a tile from " + DurationText.format(minimum) + " up to the window, or leave it out for "
                + "window / " + FeatureDefinition.DEFAULT_TILES_PER_WINDOW + " ("
                + DurationText.format(FeatureDefinition.defaultTile(window)) + ")";
        if (tile.compareTo(window) > 0) {
            node.error("tile " + DurationText.format(tile) + " is longer than the window "
                    + DurationText.format(window), fix);
            return null;
        }
        if (tile.compareTo(minimum) < 0) {
            node.error("tile " + DurationText.format(tile) + " cuts the window " + DurationText.format(window)
                    + " into more than " + FeatureDefinition.MAX_TILES_PER_WINDOW + " tiles, each kept in state", fix);
            return null;
        }
        return tile;
    }

    private static Duration minimumTile(Duration window) {
        long millis = (window.toMillis() + FeatureDefinition.MAX_TILES_PER_WINDOW - 1)
                / FeatureDefinition.MAX_TILES_PER_WINDOW;
        return Duration.ofMillis(Math.max(1, millis));
    }

    /** {@code n} or {@code cap}: only for its aggregation, required there when it has no default (0). */
    private static int readParameter(SpecNode node, Aggregation aggregation, Aggregation owner, int defaultValue,
                                     int max) {
        if (aggregation != owner) {
            if (node.isPresent() && aggregation != null) {
                node.error("`" + node.key() + "` applies only to " + owner.specName() + ", not to "
                        + aggregation.specName(), "remove `" + node.key() + "`");
            }
            return 0;
        }
        if (!node.isPresent() && defaultValue == 0) {
            node.error("required key `" + node.key() + "` is missing: " + owner.specName()
                    + " needs to know how many values to keep", "add `" + node.key() + ": <1.." + max + ">`, e.g. `"
                    + node.key() + ": 5`; each value is its own column, <name>_1 (newest) to <name>_n");
            return 0;
        }
        return node.integer(defaultValue, 1, max);
    }
}

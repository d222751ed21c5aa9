package io.streamscore.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * Reads the two JSON inputs of training into a {@link TrainingSetBuilder}: score records as the pipeline writes them
 * to its scores topic ({@code event_id}, {@code source}, {@code event_time}, and {@code features}: an object of
 * column name to value, null for undefined), and labels as the generator writes them to the labels topic
 * ({@code event_id}, {@code is_fraud} as a boolean or 0/1, {@code label_time}), optionally with the {@code source}
 * of their event (the spec's source name, as in the score record): event ids need only be unique within a source,
 * so a label naming its source joins that source's event only. The same shapes, one per line, in files.
 *
 * <p>A score record without {@code features} (a pipeline that does not log them, or a source without features) is
 * counted and skipped; one whose features lack a model feature is an error, because it was written by a pipeline
 * with another feature set than the spec given to train.
 */
public final class FeatureLogJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainingSetBuilder builder;
    private final List<String> featureNames;
    private long withoutFeatures;

    public FeatureLogJson(TrainingSetBuilder builder) {
        this.builder = builder;
        this.featureNames = builder.featureNames();
    }

    /** Score records that carried no {@code features} object. */
    public long recordsWithoutFeatures() {
        return withoutFeatures;
    }

    /** Adds one score record. */
    public void addScoreRecord(byte[] json) {
        JsonNode record = parse(json, "score record");
        JsonNode features = record.path("features");
        if (!features.isObject()) {
            withoutFeatures++;
            return;
        }
        String eventId = requiredText(record, "event_id", "score record");
        double[] values = new double[featureNames.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = features.get(featureNames.get(i));
            if (value == null) {
                throw new IllegalArgumentException("score record of event " + eventId + " has no feature '"
                        + featureNames.get(i) + "' (it has " + fieldNames(features) + "): train with the spec "
                        + "whose pipeline wrote this feature log");
            }
            values[i] = value.isNumber() ? value.doubleValue() : Double.NaN;
        }
        // A score record without a source (written by hand) counts as one source of its own, the empty name.
        String source = optionalText(record, "source", "score record");
        builder.addFeatures(source == null ? "" : source, eventId, requiredLong(record, "event_time", "score record"),
                values);
    }

    /** Adds one label. */
    public void addLabel(byte[] json) {
        JsonNode label = parse(json, "label");
        JsonNode fraud = label.path("is_fraud");
        if (!fraud.isBoolean() && !fraud.isNumber()) {
            throw new IllegalArgumentException("label " + label + ": is_fraud must be true/false or 1/0");
        }
        boolean positive = fraud.isBoolean() ? fraud.booleanValue() : fraud.doubleValue() != 0;
        builder.addLabel(optionalText(label, "source", "label"), requiredText(label, "event_id", "label"), positive,
                requiredLong(label, "label_time", "label"));
    }

    private static JsonNode parse(byte[] json, String what) {
        if (json == null) {
            throw new IllegalArgumentException("a " + what + " has no value (a tombstone)");
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("a " + what + " must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("a " + what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String requiredText(JsonNode node, String field, String what) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(what + " " + node + ": `" + field + "` must be a string");
        }
        return value.textValue();
    }

    /** The field's text, or null when it is missing, null or empty. */
    private static String optionalText(JsonNode node, String field, String what) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || value.isTextual() && value.textValue().isEmpty()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(what + " " + node + ": `" + field + "` must be a string");
        }
        return value.textValue();
    }

    private static long requiredLong(JsonNode node, String field, String what) {
        JsonNode value = node.path(field);
        if (!value.canConvertToLong()) {
            throw new IllegalArgumentException(what + " " + node + ": `" + field + "` must be epoch milliseconds");
        }
        return value.longValue();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

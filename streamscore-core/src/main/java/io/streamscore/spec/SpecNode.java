package io.streamscore.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One place in the spec tree with its dotted path, and typed reads of it that report problems instead of throwing.
 * Every read returns something usable (the default, or {@code null} when there is none) so the section readers
 * can carry on and report the next problem too. A key written with no value ({@code idleness:}) counts as absent.
 */
final class SpecNode {
    private final JsonNode node;
    private final String path;
    private final String key;
    private final SpecProblems problems;

    private SpecNode(JsonNode node, String path, String key, SpecProblems problems) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.key = key;
        this.problems = problems;
    }

    static SpecNode root(JsonNode node, SpecProblems problems) {
        return new SpecNode(node, "", "", problems);
    }

    SpecNode get(String childKey) {
        return new SpecNode(node.get(childKey), path.isEmpty() ? childKey : path + "." + childKey, childKey,
                problems);
    }

    String path() {
        return path;
    }

    /** The last segment of the path: the key this value was written under. */
    String key() {
        return key;
    }

    boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    SpecProblems problems() {
        return problems;
    }

    void error(String problem, String fix) {
        problems.add(path, problem, fix);
    }

    /** True when this is a map; reports a type error when it is present but something else. */
    boolean expectMap(String whatItHolds) {
        if (node.isObject()) {
            return true;
        }
        if (isPresent()) {
            error("expected a map of " + whatItHolds + ", found " + describe(),
                    "write `" + key + ":` followed by indented `key: value` lines");
        }
        return false;
    }

    /** True when this is a list; reports a type error when it is present but something else. */
    boolean expectList(String whatItHolds, String example) {
        if (node.isArray()) {
            return true;
        }
        if (isPresent()) {
            error("expected a list of " + whatItHolds + ", found " + describe(),
                    "write `" + key + ":` followed by indented `- ` items, e.g. " + example);
        }
        return false;
    }

    boolean isList() {
        return node.isArray();
    }

    /** The items of this list, each with the path {@code parent[i]} and this node's key; empty for a non-list. */
    List<SpecNode> elements() {
        List<SpecNode> elements = new ArrayList<>();
        for (int i = 0; i < node.size() && node.isArray(); i++) {
            elements.add(new SpecNode(node.get(i), path + "[" + i + "]", key, problems));
        }
        return elements;
    }

    /** The entries of this map in document order; empty when this is not a map. */
    Map<String, SpecNode> entries() {
        Map<String, SpecNode> entries = new LinkedHashMap<>();
        node.fieldNames().forEachRemaining(name -> entries.put(name, get(name)));
        return entries;
    }

    /** Reports each key of this map that is not {@code known}, suggesting the known key it is closest to. */
    void rejectUnknownKeys(Collection<String> known) {
        for (SpecNode entry : entries().values()) {
            if (!known.contains(entry.key)) {
                entry.error("unknown key `" + entry.key + "`" + (path.isEmpty() ? "" : " in `" + path + "`"),
                        ClosestName.didYouMean(entry.key, known) + "the keys allowed here are: "
                                + String.join(", ", known));
            }
        }
    }

    /** This value as text (numbers are accepted as written); {@code null} when absent or not a single value. */
    String text() {
        if (!isPresent()) {
            return null;
        }
        if (node.isTextual() || node.isNumber()) {
            return node.asText();
        }
        error("expected a single text value, found " + describe(),
                "write it on one line as `" + key + ": <text>`");
        return null;
    }

    String text(String defaultValue) {
        return isPresent() ? text() : defaultValue;
    }

    /** This value as text; when absent, reports it as missing with {@code fixWhenMissing}. */
    String requiredText(String fixWhenMissing) {
        if (!isPresent()) {
            error("required key `" + key + "` is missing", fixWhenMissing);
            return null;
        }
        return text();
    }

    /** The text of this value when it is a single text, number or boolean; {@code null} otherwise, silently. */
    String peekText() {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    /** A whole number in [min, max]; {@code defaultValue} when absent or wrong (outside [min, max]: no default). */
    int integer(int defaultValue, int min, int max) {
        if (!isPresent()) {
            return defaultValue;
        }
        boolean hasDefault = defaultValue >= min && defaultValue <= max;
        String range = "a whole number from " + min + " to " + max
                + (hasDefault ? " (default " + defaultValue + ")" : "");
        if (!node.isIntegralNumber()) {
            boolean quotedNumber = node.isTextual() && node.asText().trim().matches("-?\\d+");
            error("expected a whole number, found " + describe(), quotedNumber
                    ? "write the number without quotes: `" + key + ": " + node.asText().trim() + "`"
                    : "write " + range);
            return defaultValue;
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            error("`" + node.asText() + "` is out of range: " + key + " must be between " + min + " and " + max,
                    "write " + range);
            return defaultValue;
        }
        return node.intValue();
    }

    /** A number in [min, max]; {@code defaultValue} (may be NaN for none) when absent or wrong. */
    double decimal(double defaultValue, double min, double max) {
        if (!isPresent()) {
            return defaultValue;
        }
        String range = "a number from " + min + " to " + max
                + (Double.isNaN(defaultValue) ? "" : " (default " + defaultValue + ")");
        if (!node.isNumber()) {
            boolean quotedNumber = node.isTextual() && node.asText().trim().matches("-?\\d+(\\.\\d+)?");
            error("expected a number, found " + describe(), quotedNumber
                    ? "write the number without quotes: `" + key + ": " + node.asText().trim() + "`"
                    : "write " + range);
            return defaultValue;
        }
        double value = node.doubleValue();
        if (!(value >= min && value <= max)) {
            error("`" + node.asText() + "` is out of range: " + key + " must be between " + min + " and " + max,
                    "write " + range);
            return defaultValue;
        }
        return value;
    }

    /** {@code true} or {@code false}; {@code defaultValue} when absent or wrong. */
    boolean bool(boolean defaultValue) {
        if (!isPresent()) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            error("expected true or false, found " + describe(), "write `" + key + ": true` or `" + key
                    + ": false` (default " + defaultValue + ")");
            return defaultValue;
        }
        return node.booleanValue();
    }

    /**
     * A duration in [min, max] ({@link DurationText} forms; a bare {@code 0} is accepted since it needs no unit);
     * {@code defaultValue} (may be null) when absent or wrong. {@code whyMax} (may be empty): why there is a maximum,
     * added to the too-long message after a separator, so callers write only the reason.
     */
    Duration duration(Duration defaultValue, Duration min, Duration max, String whyMax) {
        if (!isPresent()) {
            return defaultValue;
        }
        String range = "a duration from " + DurationText.format(min) + " to " + DurationText.format(max)
                + (defaultValue == null ? "" : " (default " + DurationText.format(defaultValue) + ")");
        if (node.isIntegralNumber() && node.asLong() == 0) {
            return checkRange(Duration.ZERO, defaultValue, min, max, range, whyMax);
        }
        if (node.isIntegralNumber()) {
            String n = node.asText();
            error("`" + n + "` has no unit", "add a unit: " + n + "ms, " + n + "s, " + n + "m, " + n + "h or "
                    + n + "d; " + key + " is " + range);
            return defaultValue;
        }
        if (!node.isTextual()) {
            error("expected a duration, found " + describe(), "write " + DurationText.ACCEPTED_FORMS);
            return defaultValue;
        }
        try {
            Optional<Duration> parsed = DurationText.parse(node.asText());
            if (parsed.isEmpty()) {
                error("'" + node.asText() + "' is not a duration", "write " + DurationText.ACCEPTED_FORMS + "; "
                        + key + " is " + range);
                return defaultValue;
            }
            return checkRange(parsed.get(), defaultValue, min, max, range, whyMax);
        } catch (ArithmeticException e) {
            error("'" + node.asText() + "' is too long to be a duration", "write " + range);
            return defaultValue;
        }
    }

    private Duration checkRange(Duration value, Duration defaultValue, Duration min, Duration max, String range,
                                String whyMax) {
        String written = "'" + node.asText() + "'";
        if (value.isNegative()) {
            error(written + " is negative", "write " + range);
        } else if (value.compareTo(min) < 0) {
            error(written + " is shorter than the minimum " + DurationText.format(min), "write " + range);
        } else if (value.compareTo(max) > 0) {
            error(written + " is longer than the maximum " + DurationText.format(max)
                    + (whyMax.isEmpty() ? "" : "; " + whyMax), "write " + range);
        } else {
            return value;
        }
        return defaultValue;
    }

    /** One of an enum's constants, written in any case; {@code defaultValue} (may be null) when absent or wrong. */
    <E extends Enum<E>> E choice(Class<E> type, E defaultValue) {
        if (!isPresent()) {
            return defaultValue;
        }
        String written = text();
        Map<String, E> byName = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            byName.put(constant.name().toLowerCase(Locale.ROOT), constant);
        }
        if (written == null) {
            return defaultValue;
        }
        E chosen = byName.get(written.trim().toLowerCase(Locale.ROOT));
        if (chosen == null) {
            error("'" + written + "' is not a valid " + key,
                    ClosestName.didYouMean(written.trim(), byName.keySet()) + "use one of: "
                            + String.join(", ", byName.keySet()) + (defaultValue == null ? ""
                            : " (default " + defaultValue.name().toLowerCase(Locale.ROOT) + ")"));
            return defaultValue;
        }
        return chosen;
    }

    /** What this value is, for messages: "a list", "text 'abc'", "the number 1.5". */
    String describe() {
        if (!isPresent()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "text '" + node.asText() + "'";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return "the value " + node.asText();
    }

    /** Whether this is a present value with something in it: not absent, not an empty map, list or text. */
    boolean hasContent() {
        return isPresent() && !(node.isContainerNode() && node.isEmpty())
                && !(node.isTextual() && node.asText().isBlank());
    }
}

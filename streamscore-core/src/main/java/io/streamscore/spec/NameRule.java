package io.streamscore.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Pipeline and source names end up in Kafka transactional ids, consumer groups, metric names and paths, so they
 * are restricted to characters that are safe in all of them.
 */
final class NameRule {
    static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private NameRule() {}

    /** Reports {@code name} at {@code node} unless it is valid; returns whether it is. */
    static boolean check(SpecNode node, String name, String what) {
        if (name == null || VALID.matcher(name).matches()) {
            return name != null;
        }
        node.error("'" + name + "' is not a valid " + what + " name",
                "use 1 to 64 lowercase letters, digits, '_' or '-', starting with a letter or digit, e.g. `"
                        + suggest(name) + "`");
        return false;
    }

    /** The closest valid name: lowercased, other characters turned into '-', trimmed to length. */
    static String suggest(String name) {
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("-+$", "");
        cleaned = cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
        return cleaned.isEmpty() ? "my-pipeline" : cleaned;
    }
}

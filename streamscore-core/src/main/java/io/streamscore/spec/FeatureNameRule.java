package io.streamscore.spec;

import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Feature and alert names. A feature's name is also the variable later expressions read it by, and a column name
 * in outputs and stores, so it is a lowercase identifier that is not a Java keyword ({@code new}, {@code case}).
 */
final class FeatureNameRule {
    static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private FeatureNameRule() {}

    /** The name at {@code node}, required; {@code null} (with the problem reported) when missing or invalid. */
    static String read(SpecNode node, String what, String example) {
        String name = node.requiredText("add `name: <" + what + " name>`, e.g. `name: " + example + "`");
        if (name == null) {
            return null;
        }
        if (!VALID.matcher(name).matches()) {
            node.error("'" + name + "' is not a valid " + what + " name", "use 1 to 64 lowercase letters, digits and "
                    + "'_', starting with a letter, e.g. `" + suggest(name, example) + "`");
            return null;
        }
        if (SourceVersion.isKeyword(name)) {
            node.error("'" + name + "' is a Java keyword, so expressions could not name this " + what,
                    "choose another name, e.g. `" + name + "_" + example + "`");
            return null;
        }
        return name;
    }

    /**
     * The valid name an error about {@code written} would suggest; {@code written} itself when valid, {@code null}
     * when absent or when nothing of it can be kept.
     */
    static String suggestion(String written) {
        if (written == null) {
            return null;
        }
        String suggested = suggest(written, "");
        return suggested.isEmpty() || SourceVersion.isKeyword(suggested) ? null : suggested;
    }

    private static String suggest(String name, String example) {
        String cleaned = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_").replaceAll("^[^a-z]+", "").replaceAll("_+$", "");
        cleaned = cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
        return cleaned.isEmpty() ? example : cleaned;
    }
}

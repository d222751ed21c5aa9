package io.streamscore.registry;

import java.util.regex.Pattern;

/**
 * Model names are directory names in the registry and appear in Kafka keys and metric labels, so they follow the
 * pipeline-name rule: 1 to 64 lowercase letters, digits, '_' or '-', starting with a letter or digit. This also
 * keeps a name from escaping the registry directory ({@code ../x}).
 */
final class ModelName {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private ModelName() {}

    static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    static String problem(String name, String field) {
        return field + ": '" + name + "' is not a valid model name; use 1 to 64 lowercase letters, digits, '_' or "
                + "'-', starting with a letter or digit, e.g. `fraud-xgb`";
    }

    static String check(String name) {
        return check(name, "name");
    }

    /** @param field the JSON field the name came from, for the message */
    static String check(String name, String field) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(problem(name, field));
        }
        return name;
    }
}

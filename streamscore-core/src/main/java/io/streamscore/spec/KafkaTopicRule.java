package io.streamscore.spec;

import java.util.regex.Pattern;

/** Kafka's own rule for topic names, checked here so a bad name fails before any client connects. */
final class KafkaTopicRule {
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private KafkaTopicRule() {}

    /**
     * The name Kafka compares topics by: '.' and '_' map to the same metric names, so a broker refuses to create a
     * topic whose name differs from an existing one's only there ("collides with existing topic").
     */
    static String collisionName(String topic) {
        return topic.replace('.', '_');
    }

    static boolean isValid(String topic) {
        return LEGAL.matcher(topic).matches() && !topic.equals(".") && !topic.equals("..");
    }

    /** Reads a required topic name; {@code null} (with a problem reported) when missing or invalid. */
    static String readRequired(SpecNode node, String example) {
        String topic = node.requiredText("add `" + node.key() + ": " + example + "`");
        if (topic == null) {
            return null;
        }
        if (!isValid(topic)) {
            node.error("'" + topic + "' is not a valid Kafka topic name",
                    "use 1 to 249 characters from a-z, A-Z, 0-9, '.', '_' and '-' (but not '.' or '..' alone), "
                            + "e.g. `" + example + "`");
            return null;
        }
        return topic;
    }
}

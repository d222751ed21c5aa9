package io.streamscore.generate;

/**
 * The streams the {@link EventGenerator} feeds, each with the built-in schema its records follow and the topic the
 * CLI writes them to unless told otherwise.
 */
public enum GeneratedStream {
    TRANSACTIONS("transaction", "transactions"),
    CLICKS("click", "clicks"),
    LABELS("label", "labels"),
    PROFILES("user_profile_change", "user-profiles");

    private final String schemaName;
    private final String defaultTopic;

    GeneratedStream(String schemaName, String defaultTopic) {
        this.schemaName = schemaName;
        this.defaultTopic = defaultTopic;
    }

    /** Name of the built-in {@link io.streamscore.event.EventSchema} of this stream's records. */
    public String schemaName() {
        return schemaName;
    }

    public String defaultTopic() {
        return defaultTopic;
    }
}

package io.streamscore.cli.models;

import io.streamscore.registry.ModelControlMessage;

/**
 * What became of announcing a registry change on the control topic: nothing to announce (no control topic), sent, or
 * not sent with the reason. Output reports a message as published only once Kafka acknowledged it.
 *
 * @param message the control message, or null when no control topic is configured
 * @param failure why publishing failed, or null when it succeeded or was not attempted
 */
public record Announcement(ModelControlMessage message, String failure) {
    /** No control topic configured: nothing was announced, and nothing needed to be. */
    public static final Announcement NONE = new Announcement(null, null);

    public static Announcement published(ModelControlMessage message) {
        return new Announcement(message, null);
    }

    public static Announcement failed(ModelControlMessage message, String failure) {
        return new Announcement(message, failure);
    }

    /** True when Kafka acknowledged the message. */
    public boolean published() {
        return message != null && failure == null;
    }
}

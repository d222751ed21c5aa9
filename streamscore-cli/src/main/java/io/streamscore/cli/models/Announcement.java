package io.streamscore.cli.models;

import io.streamscore.flink.scoring.ControlTopicPublisher;
import io.streamscore.flink.store.FailureCauses;
import io.streamscore.registry.ModelControlMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

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

    /**
     * Publishes {@code message} on {@code topic} and waits for Kafka's acknowledgement ({@code models} and
     * {@code train --announce} both announce this way).
     *
     * @param properties the cluster's client properties (SASL, TLS)
     */
    public static Announcement publish(String bootstrap, String topic, Duration timeout, Map<String, String> properties,
                                       ModelControlMessage message) throws InterruptedException {
        try (ControlTopicPublisher publisher = new ControlTopicPublisher(bootstrap, topic, timeout, properties)) {
            publisher.publish(message);
            return published(message);
        } catch (ExecutionException | TimeoutException e) {
            return failed(message, e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        } catch (KafkaException e) {
            // A producer that cannot be built (e.g. SASL settings without a JAAS config): the reason is the innermost
            // cause, under "Failed to construct kafka producer".
            return failed(message, e.getMessage() + ": " + FailureCauses.rootMessage(e));
        }
    }

    /** True when Kafka acknowledged the message. */
    public boolean published() {
        return message != null && failure == null;
    }
}

package io.streamscore.flink.scoring;

import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.RolloutState;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls a canary back the way a person would with {@code streamscore models challenger NAME V --remove}: the
 * registry first (the truth), then a {@code REMOVE_CHALLENGER} message on the control topic so that every subtask
 * (and every other pipeline on the model) stops using it. Several subtasks may decide at once; removing a
 * challenger that is already gone is a no-op, and the extra messages only make the plan be re-read.
 */
public class CanaryRollback implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CanaryRollback.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final String registryLocation;
    private final String model;
    private final String bootstrapServers;
    private final String controlTopic;
    private final HashMap<String, String> kafkaProperties;

    /** @param kafkaProperties the spec's {@code kafka.properties}, so the message gets through on a secured cluster */
    public CanaryRollback(String registryLocation, String model, String bootstrapServers, String controlTopic,
                          Map<String, String> kafkaProperties) {
        this.registryLocation = registryLocation;
        this.model = model;
        this.bootstrapServers = bootstrapServers;
        this.controlTopic = controlTopic;
        this.kafkaProperties = new HashMap<>(kafkaProperties);
    }

    /** Removes {@code version} from the challengers and announces it; failures are logged, the caller moves on. */
    public void rollBack(int version, String reason) {
        try {
            ModelRegistry registry = ModelRegistry.open(registryLocation);
            RolloutState rollout = registry.rollout(model);
            if (rollout.challenger(version).isPresent()) {
                registry.removeChallenger(model, version);
            }
            try (ControlTopicPublisher publisher = new ControlTopicPublisher(bootstrapServers, controlTopic,
                    PUBLISH_TIMEOUT, kafkaProperties)) {
                publisher.publish(ModelControlMessage.issue(ModelControlMessage.Type.REMOVE_CHALLENGER, model, version,
                        null, null, "automatic rollback: " + reason, System.currentTimeMillis()));
            }
            LOG.warn("canary {} v{} rolled back: {}", model, version, reason);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("canary {} v{} should be rolled back ({}) but the registry or control topic failed: {}", model,
                    version, reason, e.toString());
        }
    }
}

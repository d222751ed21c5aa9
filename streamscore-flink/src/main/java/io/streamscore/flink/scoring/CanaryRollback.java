package io.streamscore.flink.scoring;

import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.RolloutState;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls a canary back the way a person would with {@code streamscore models challenger NAME V --remove}: the
 * registry first (the truth), then a {@code REMOVE_CHALLENGER} message on the control topic so that every subtask
 * (and every other pipeline on the model) stops using it. Several subtasks may decide at once; removing a
 * challenger that is already gone is a no-op, and the extra messages only make the plan be re-read.
 *
 * <p>Both run on one background thread per instance (so per scoring subtask), never on the caller's: the caller is
 * the scoring thread, and with Kafka unreachable a publish waits up to its timeout (creating the producer and
 * fetching metadata block too, so an asynchronous {@code send} alone would not help), which would stall scoring for
 * as long. The caller stops using the canary itself at once; this only makes it stick. One thread keeps two
 * rollbacks of a subtask in order. A rollback still queued or running when the task closes is waited for up to
 * the publish timeout and then abandoned, logged; the condemned guard is in the checkpoint, so a restore rolls the
 * canary back again.
 */
public class CanaryRollback implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CanaryRollback.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final String registryLocation;
    private final String model;
    private final String bootstrapServers;
    private final String controlTopic;
    private final HashMap<String, String> kafkaProperties;
    private final Duration publishTimeout;
    private transient ExecutorService worker;

    /** @param kafkaProperties the spec's {@code kafka.properties}, so the message gets through on a secured cluster */
    public CanaryRollback(String registryLocation, String model, String bootstrapServers, String controlTopic,
                          Map<String, String> kafkaProperties) {
        this(registryLocation, model, bootstrapServers, controlTopic, kafkaProperties, PUBLISH_TIMEOUT);
    }

    /** @param publishTimeout how long a publish may wait for Kafka's acknowledgement (tests shorten it) */
    CanaryRollback(String registryLocation, String model, String bootstrapServers, String controlTopic,
                   Map<String, String> kafkaProperties, Duration publishTimeout) {
        this.registryLocation = registryLocation;
        this.model = model;
        this.bootstrapServers = bootstrapServers;
        this.controlTopic = controlTopic;
        this.kafkaProperties = new HashMap<>(kafkaProperties);
        this.publishTimeout = publishTimeout;
    }

    /**
     * Removes {@code version} from the challengers and announces it, on the background thread; returns at once.
     *
     * @return completes once the registry changed and Kafka acknowledged the message; completes exceptionally
     *     (already logged) when either failed or the rollback was abandoned at close
     */
    public CompletableFuture<Void> rollBack(int version, String reason) {
        CompletableFuture<Void> done;
        try {
            done = CompletableFuture.runAsync(() -> removeAndAnnounce(version, reason), worker());
        } catch (RejectedExecutionException e) {
            done = CompletableFuture.failedFuture(e);
        }
        return done.whenComplete((ignored, failure) -> {
            if (failure == null) {
                LOG.warn("canary {} v{} rolled back: {}", model, version, reason);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                LOG.error("canary {} v{} should be rolled back ({}) but the registry or control topic failed: {}",
                        model, version, reason, cause.toString());
            }
        });
    }

    private void removeAndAnnounce(int version, String reason) {
        try {
            ModelRegistry registry = ModelRegistry.open(registryLocation);
            RolloutState rollout = registry.rollout(model);
            if (rollout.challenger(version).isPresent()) {
                registry.removeChallenger(model, version);
            }
            try (ControlTopicPublisher publisher = new ControlTopicPublisher(bootstrapServers, controlTopic,
                    publishTimeout, kafkaProperties)) {
                publisher.publish(ModelControlMessage.issue(ModelControlMessage.Type.REMOVE_CHALLENGER, model, version,
                        null, null, "automatic rollback: " + reason, System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new CompletionException(e);
        }
    }

    private synchronized ExecutorService worker() {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "canary-rollback-" + model);
                thread.setDaemon(true);
                return thread;
            });
        }
        return worker;
    }

    /**
     * Lets a pending rollback finish, waiting up to the publish timeout (plus a second), then stops the thread, so
     * nothing of a stopped job's class loader keeps running.
     */
    @Override
    public synchronized void close() {
        if (worker == null) {
            return;
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(publishTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                LOG.warn("canary {}: a rollback was still publishing at close and is abandoned; the checkpointed "
                        + "guard rolls the canary back again after a restore", model);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            worker.shutdownNow();
        }
    }
}

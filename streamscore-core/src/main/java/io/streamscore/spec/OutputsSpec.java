package io.streamscore.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * Where results go and with which guarantee. With {@link Guarantee#EXACTLY_ONCE}, results become visible to
 * read_committed consumers when the checkpoint that covers them completes, so {@code checkpointInterval} bounds
 * the added latency. The transactional id prefix must be unique per pipeline on a cluster.
 */
public record OutputsSpec(
        String scoresTopic,
        String alertsTopic,
        String lateTopic,
        String deadLetterTopic,
        Guarantee guarantee,
        Duration checkpointInterval,
        String checkpointDir,
        String transactionalIdPrefix) {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    public OutputsSpec {
        Objects.requireNonNull(scoresTopic, "scoresTopic");
        Objects.requireNonNull(alertsTopic, "alertsTopic");
        Objects.requireNonNull(lateTopic, "lateTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
    }

    /** A copy checkpointing every {@code interval} (positive) instead. */
    public OutputsSpec withCheckpointInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkpoint interval must be positive, was " + interval);
        }
        return new OutputsSpec(scoresTopic, alertsTopic, lateTopic, deadLetterTopic, guarantee, interval,
                checkpointDir, transactionalIdPrefix);
    }

    /** A copy writing checkpoints to another directory (the local runtime fills in a run directory). */
    public OutputsSpec withCheckpointDir(String dir) {
        return new OutputsSpec(scoresTopic, alertsTopic, lateTopic, deadLetterTopic, guarantee, checkpointInterval,
                dir, transactionalIdPrefix);
    }
}

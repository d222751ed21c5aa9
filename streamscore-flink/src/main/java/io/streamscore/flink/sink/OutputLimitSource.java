package io.streamscore.flink.sink;

import io.streamscore.spec.PipelineSpec;
import java.io.Serializable;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an encoder gets the {@link OutputSizeLimit} of its output topic when its task opens: the limit the job was
 * built with on a first start, the topic's {@code max.message.bytes} as the brokers report it then on a restart.
 *
 * <p>Why on a restart: an operator may lower a topic's limit while the job runs. The broker then refuses the first
 * record between the new and the old limit ({@code RecordTooLargeException}), the job fails and restarts from its
 * checkpoint with the same graph and replays that record. Checked against the stale limit it failed again, without
 * end; checked against the limit read now it is dead-lettered as {@code output_too_large}, and the job runs on after
 * one restart. A first start asks nobody: the job was just built with a fresh limit, and many subtasks would all ask
 * the brokers for nothing. Either way the check itself stays one comparison per record.
 */
public final class OutputLimitSource implements Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputLimitSource.class);

    private final OutputSizeLimit producer;
    private final String topic;
    private final TopicLimits limits;
    private final OutputSizeLimit built;

    private OutputLimitSource(OutputSizeLimit producer, String topic, TopicLimits limits) {
        this.producer = producer;
        this.topic = topic;
        this.limits = limits;
        this.built = producer.forTopic(topic, limits.atBuild(topic));
    }

    /**
     * The limit of records to {@code topic}: the spec's producer's, or the topic's smaller one in {@code limits}.
     *
     * @throws IllegalArgumentException when the topic's limit is too small for a dead letter
     */
    public static OutputLimitSource of(PipelineSpec spec, String topic, TopicLimits limits) {
        return new OutputLimitSource(OutputSizeLimit.of(spec), topic, limits);
    }

    /** The limit the job was built with. */
    public OutputSizeLimit built() {
        return built;
    }

    /**
     * The limit for a task's attempt {@code attemptNumber} (0 is the first start): the one the job was built with,
     * or after a failure the one the brokers report now; the built one when they do not say (they logged why).
     *
     * @throws IllegalArgumentException when the topic's limit is now too small for a dead letter: the task fails
     *         naming the topic and the fix, as the job's build would have
     */
    public OutputSizeLimit forAttempt(int attemptNumber) {
        if (attemptNumber == 0) {
            return built;
        }
        OptionalInt now = limits.now(topic);
        if (now.isEmpty()) {
            return built;
        }
        OutputSizeLimit limit = producer.forTopic(topic, now.getAsInt());
        if (limit.maxRecordBytes() != built.maxRecordBytes()) {
            LOG.info("records to topic '{}' are checked against {} bytes ({}) since this restart, not the {} bytes the"
                    + " job was built with", topic, limit.maxRecordBytes(), limit.limitName(), built.maxRecordBytes());
        }
        return limit;
    }
}

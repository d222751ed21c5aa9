package io.streamscore.flink.sink;

import java.io.Serializable;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The output topics' {@code max.message.bytes}: as the brokers reported them when the job was built, and as they
 * report them now. An operator may lower a topic's limit while the job runs; the first record between the new and
 * the old limit then fails the job, and the restarted tasks ask again ({@link OutputLimitSource}) instead of
 * replaying that record against the stale limit forever.
 */
public interface TopicLimits extends Serializable {
    /** No topic limits: the producer's alone, never asked again (a job without brokers to ask). */
    TopicLimits NONE = fixed(Map.of());

    /** The limit of {@code topic} when the job was built; null when not known, and the producer's applies. */
    Integer atBuild(String topic);

    /** The limit of {@code topic} as the brokers report it now; empty when they do not say. */
    OptionalInt now(String topic);

    /** Limits that never change: {@code maxMessageBytes} by topic, and no brokers to ask again. */
    static TopicLimits fixed(Map<String, Integer> maxMessageBytes) {
        return new Fixed(Map.copyOf(maxMessageBytes));
    }

    /** Limits known once, never read again. */
    record Fixed(Map<String, Integer> maxMessageBytes) implements TopicLimits {
        @Override
        public Integer atBuild(String topic) {
            return maxMessageBytes.get(topic);
        }

        @Override
        public OptionalInt now(String topic) {
            return OptionalInt.empty();
        }
    }
}

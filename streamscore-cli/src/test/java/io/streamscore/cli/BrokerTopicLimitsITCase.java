package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.flink.job.BrokerTopicLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The brokers' record limit of each output topic as the job reads it when built, from the embedded KRaft broker: a
 * topic's own {@code max.message.bytes}, Kafka's default for a topic without one, and the broker's
 * {@code message.max.bytes} for a topic that does not exist yet (what it gets when the first write creates it).
 */
class BrokerTopicLimitsITCase {
    /** Kafka's default {@code message.max.bytes}: 1 MiB and the 12 bytes of the legacy record overhead. */
    private static final int KAFKA_DEFAULT = 1_048_588;

    @TempDir
    Path dir;

    @Test
    void aTopicsOwnLimitTheDefaultAndTheBrokersForATopicNotCreatedYet() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
             Admin admin = broker.admin()) {
            broker.createTopics(List.of(
                    new NewTopic("small", 1, (short) 1).configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "300000")),
                    new NewTopic("plain", 1, (short) 1)));

            Map<String, Integer> limits = BrokerTopicLimits.describe(admin, List.of("small", "plain", "not-yet"),
                    Duration.ofSeconds(10));

            assertThat(limits).containsExactlyInAnyOrderEntriesOf(Map.of("small", 300_000, "plain", KAFKA_DEFAULT,
                    "not-yet", KAFKA_DEFAULT));
        }
    }
}

package io.streamscore.flink.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job jar's arguments as the JobManager reads them: the spec inline, loaded with the JobManager's environment. */
class ClusterJobArgumentsTest {
    private static final String UNSET_VARIABLE = "STREAMSCORE_TEST_NEVER_SET_REDIS_PASSWORD";

    private static String spec(String redis) {
        return """
                name: fraud
                sources:
                  transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
                outputs: {scores_topic: s, alerts_topic: a, late_topic: l, dead_letter_topic: d}
                """ + redis;
    }

    @Test
    void inlineSpecIsLoadedWithTheKafkaOfTheArguments(@TempDir Path dir) {
        ClusterJobArguments arguments = ClusterJobArguments.parse(
                ClusterJobArguments.inline(spec(""), dir, "127.0.0.1:9092").toArray(String[]::new));

        assertThat(arguments.spec().name()).isEqualTo("fraud");
        assertThat(arguments.spec().kafka().bootstrap()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void variableMissingOnTheJobManagerSaysWhereItIsRead(@TempDir Path dir) {
        String yaml = spec("stores:\n  redis:\n    address: 127.0.0.1:6379\n    password: ${" + UNSET_VARIABLE + "}\n");
        String[] args = ClusterJobArguments.inline(yaml, dir, "127.0.0.1:9092").toArray(String[]::new);

        assertThatThrownBy(() -> ClusterJobArguments.parse(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .hasMessageContaining("does not load on the JobManager")
                .hasMessageContaining("from its own environment")
                .hasMessageContaining("stores.redis.password: environment variable " + UNSET_VARIABLE + " is not set");
    }

    @Test
    void bootstrapServersThatAreNoHostAndPortAreRefused(@TempDir Path dir) {
        String[] args = ClusterJobArguments.inline(spec(""), dir, "kafka").toArray(String[]::new);

        assertThatThrownBy(() -> ClusterJobArguments.parse(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--bootstrap-servers: 'kafka' is not host:port (no port); write host:port[,host:port...]");
    }
}

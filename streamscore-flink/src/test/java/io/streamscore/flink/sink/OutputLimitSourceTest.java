package io.streamscore.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When an encoder's limit is read again: never on a task's first start, on every restart after a failure, keeping
 * the limit the job was built with when the brokers do not say.
 */
class OutputLimitSourceTest {
    private static final int PRODUCER = OutputSizeLimit.DEFAULT_MAX_REQUEST_SIZE;

    @TempDir
    Path dir;

    @Test
    void aFirstStartUsesTheLimitTheJobWasBuiltWithAndAsksNobody() {
        BrokersSaying brokers = new BrokersSaying(null, OptionalInt.of(300_000));
        OutputLimitSource source = OutputLimitSource.of(spec(), "late", brokers);

        assertThat(source.forAttempt(0)).isEqualTo(source.built());
        assertThat(source.built().maxRecordBytes()).isEqualTo(PRODUCER);
        assertThat(brokers.asked).isZero();
    }

    @Test
    void aRestartUsesTheTopicsLimitAsTheBrokersReportItNow() {
        BrokersSaying brokers = new BrokersSaying(null, OptionalInt.of(300_000));
        OutputLimitSource source = OutputLimitSource.of(spec(), "late", brokers);

        OutputSizeLimit restarted = source.forAttempt(1);

        assertThat(brokers.asked).isEqualTo(1);
        assertThat(restarted.maxRecordBytes()).isEqualTo(300_000);
        assertThat(restarted.limitName()).isEqualTo("max.message.bytes of topic 'late'");
        assertThat(restarted.deadLetterTopic()).isEqualTo("dead");
        // a limit raised again since is the producer's once more
        brokers.limit = OptionalInt.of(20 << 20);
        assertThat(source.forAttempt(2)).isEqualTo(OutputSizeLimit.of(spec()));
    }

    @Test
    void aRestartWhenTheBrokersDoNotSayKeepsTheLimitTheJobWasBuiltWith() {
        BrokersSaying brokers = new BrokersSaying(400_000, OptionalInt.empty());
        OutputLimitSource source = OutputLimitSource.of(spec(), "late", brokers);

        assertThat(source.forAttempt(3).maxRecordBytes()).isEqualTo(400_000);
        assertThat(TopicLimits.NONE.now("late")).isEmpty();
    }

    @Test
    void aRestartWithATopicLimitTooSmallForADeadLetterFailsNamingTheTopicAndTheFix() {
        BrokersSaying brokers = new BrokersSaying(null, OptionalInt.of(1_000));
        OutputLimitSource source = OutputLimitSource.of(spec(), "late", brokers);

        assertThatThrownBy(() -> source.forAttempt(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic 'late'").hasMessageContaining("--add-config max.message.bytes=");
    }

    private PipelineSpec spec() {
        return OutputSizeLimitTest.spec(dir, "{}");
    }

    /** Brokers that reported {@code atBuild} (null: nothing) when the job was built and report {@code limit} now. */
    private static final class BrokersSaying implements TopicLimits {
        private final Integer atBuild;
        OptionalInt limit;
        int asked;

        BrokersSaying(Integer atBuild, OptionalInt now) {
            this.atBuild = atBuild;
            this.limit = now;
        }

        @Override
        public Integer atBuild(String topic) {
            return atBuild;
        }

        @Override
        public OptionalInt now(String topic) {
            asked++;
            return limit;
        }
    }
}

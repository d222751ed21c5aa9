package io.streamscore.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink.PrecommittingStatefulSinkWriter;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/**
 * The guarded writer's close: a send the producer reported failed (as the connector's writer rethrows it) is logged,
 * anything else still fails. The writer here is a stand-in that only throws from close, since making the real
 * writer receive a callback between a task's failure and its close is a race (OversizedRecordITCase meets it).
 */
class KafkaSinkCloseGuardTest {
    /** What the connector's KafkaWriter.close() throws when a send failed since its last check. */
    private static final IOException FAILED_SEND = new IOException(
            "One or more Kafka Producer send requests have encountered exception", new FlinkRuntimeException(
                    "Failed to send data to Kafka late-events-0@-1", new RecordTooLargeException("too large")));

    @Test
    void aFailedSendAtCloseIsNotRethrown() {
        ClosingWriter writer = new ClosingWriter(FAILED_SEND);

        assertThatCode(new KafkaSinkCloseGuard.GuardedWriter<>(writer)::close).doesNotThrowAnyException();
        assertThat(writer.closed).isTrue();
    }

    @Test
    void anyOtherFailureAtCloseIsRethrown() {
        IllegalStateException own = new IllegalStateException("producer not closed");

        assertThatThrownBy(new KafkaSinkCloseGuard.GuardedWriter<>(new ClosingWriter(own))::close).isSameAs(own);
    }

    @Test
    void onlyKafkasOwnFailuresCountAsFailedSends() {
        assertThat(KafkaSinkCloseGuard.isFailedSend(FAILED_SEND)).isTrue();
        assertThat(KafkaSinkCloseGuard.isFailedSend(new IOException("disk full"))).isFalse();
        assertThat(KafkaSinkCloseGuard.isFailedSend(new InterruptedException())).isFalse();
    }

    /** A writer whose close throws {@code failure}. */
    private static final class ClosingWriter
            implements PrecommittingStatefulSinkWriter<String, KafkaWriterState, KafkaCommittable> {
        private final Exception failure;
        private boolean closed;

        ClosingWriter(Exception failure) {
            this.failure = failure;
        }

        @Override
        public void write(String element, Context context) {}

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public List<KafkaWriterState> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public Collection<KafkaCommittable> prepareCommit() {
            return List.of();
        }

        @Override
        public void close() throws Exception {
            closed = true;
            throw failure;
        }
    }
}

package io.streamscore.flink.sink;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink.PrecommittingStatefulSinkWriter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.lineage.LineageVertex;
import org.apache.flink.streaming.api.lineage.LineageVertexProvider;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KafkaSink} whose writers do not rethrow a failed send from {@code close()}, and so cannot take their
 * TaskManager down with them.
 *
 * <p>Why: the connector's writer records a failed send (the broker refused a record, a transaction was aborted) from
 * the producer's I/O thread and throws it at its next write, flush, or at {@code close()}. With a transactional
 * producer one refusal fails every batch still in flight, and their callbacks can arrive after the first one failed
 * the task but before Flink closes the writer. The writer then throws from {@code close()}, during the failed
 * task's cleanup, and Flink 2.3 treats an exception there as fatal: "FATAL - exception in exception handler",
 * and the whole TaskManager exits, failing every task on it (a local run's supervisor then starts a new one, a
 * plain MiniCluster's stays gone; seen with a topic's {@code max.message.bytes} lowered while the job ran). The
 * connector's FLINK-38790 fix covers only the aborts of its own close, not callbacks already delivered.
 *
 * <p>Dropping that exception loses nothing: a graceful end flushes every record and checks for failures before the
 * writer is closed ({@code flush(true)}, then the final checkpoint), so a send that fails around {@code close()} is
 * either part of a transaction that is aborted (exactly-once) or of records after the last checkpoint, which the
 * restarted job writes again (at-least-once). It is logged. Everything else is the Kafka sink's own, delegated
 * unchanged (writer state, committables and their serializers, the post-commit topology), so savepoints are the same.
 *
 * <p>The guarded writer also closes the admin client that the connector's exactly-once writer opens and leaves open
 * ({@link WriterAdminClient}), one per writer, so that restarts do not pile up admin threads and connections.
 */
public final class KafkaSinkCloseGuard<T> implements Sink<T>, SupportsWriterState<T, KafkaWriterState>,
        SupportsCommitter<KafkaCommittable>, SupportsPostCommitTopology<KafkaCommittable>, LineageVertexProvider {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSinkCloseGuard.class);

    private final KafkaSink<T> sink;

    public KafkaSinkCloseGuard(KafkaSink<T> sink) {
        this.sink = sink;
    }

    @Override
    public GuardedWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new GuardedWriter<>(sink.createWriter(context));
    }

    @Override
    public GuardedWriter<T> restoreWriter(WriterInitContext context, Collection<KafkaWriterState> states) {
        return new GuardedWriter<>(sink.restoreWriter(context, states));
    }

    @Override
    public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
        return sink.getWriterStateSerializer();
    }

    @Override
    public Committer<KafkaCommittable> createCommitter(CommitterInitContext context) {
        return sink.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
        return sink.getCommittableSerializer();
    }

    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<KafkaCommittable>> committables) {
        sink.addPostCommitTopology(committables);
    }

    @Override
    public LineageVertex getLineageVertex() {
        return sink.getLineageVertex();
    }

    /** Whether {@code failure} is a send the producer reported failed, rather than a fault of the writer itself. */
    static boolean isFailedSend(Throwable failure) {
        return ExceptionUtils.findThrowable(failure, KafkaException.class).isPresent();
    }

    /** The Kafka sink's writer, closed without rethrowing a failed send ({@link KafkaSinkCloseGuard}). */
    public static final class GuardedWriter<T> implements StatefulSinkWriter<T, KafkaWriterState>,
            CommittingSinkWriter<T, KafkaCommittable> {
        private final PrecommittingStatefulSinkWriter<T, KafkaWriterState, KafkaCommittable> writer;

        GuardedWriter(PrecommittingStatefulSinkWriter<T, KafkaWriterState, KafkaCommittable> writer) {
            this.writer = writer;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            writer.write(element, context);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writer.flush(endOfInput);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            writer.writeWatermark(watermark);
        }

        @Override
        public List<KafkaWriterState> snapshotState(long checkpointId) throws IOException {
            return writer.snapshotState(checkpointId);
        }

        @Override
        public Collection<KafkaCommittable> prepareCommit() throws IOException, InterruptedException {
            return writer.prepareCommit();
        }

        @Override
        public void close() throws Exception {
            try {
                writer.close();
            } catch (Exception e) {
                if (!isFailedSend(e)) {
                    throw e;
                }
                LOG.warn("a Kafka send failed as the sink's writer closed; its records are in an aborted transaction "
                        + "or after the last checkpoint, and are written again when the job restarts", e);
            } finally {
                WriterAdminClient.close(writer);
            }
        }
    }
}

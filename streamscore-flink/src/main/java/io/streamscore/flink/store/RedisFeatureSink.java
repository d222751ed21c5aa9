package io.streamscore.flink.store;

import io.streamscore.flink.metrics.PipelineMetrics;
import io.streamscore.spec.RedisStoreSpec;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The Redis feature store as a Flink sink. Vectors are batched and flushed when a batch is full and before every
 * checkpoint barrier passes ({@link SinkWriter#flush}), so everything before a checkpoint is in Redis when it
 * completes; after a failure the replay rewrites the rest, and the versioned script keeps the newest vector per
 * entity: at-least-once delivery, exactly-once state.
 */
public final class RedisFeatureSink implements Sink<FeatureVector> {
    private static final long serialVersionUID = 1L;

    private final RedisStoreSpec spec;

    public RedisFeatureSink(RedisStoreSpec spec) {
        this.spec = spec;
    }

    @Override
    public SinkWriter<FeatureVector> createWriter(WriterInitContext context) {
        MetricGroup group = PipelineMetrics.pipelineGroup(context.metricGroup());
        return new Writer(RedisFeatureWriter.connect(spec), group.counter(PipelineMetrics.FEATURE_STORE_WRITES),
                group.counter(PipelineMetrics.FEATURE_STORE_STALE));
    }

    /** One subtask's writer; counts written and stale (newer in Redis) vectors. */
    private static final class Writer implements SinkWriter<FeatureVector> {
        private final RedisFeatureWriter redis;
        private final Counter written;
        private final Counter stale;

        Writer(RedisFeatureWriter redis, Counter written, Counter stale) {
            this.redis = redis;
            this.written = written;
            this.stale = stale;
        }

        @Override
        public void write(FeatureVector vector, Context context) {
            count(redis.write(vector));
        }

        @Override
        public void flush(boolean endOfInput) {
            count(redis.flush());
        }

        private void count(RedisFeatureWriter.FlushResult result) {
            if (result != null) {
                written.inc(result.written());
                stale.inc(result.stale());
            }
        }

        @Override
        public void close() {
            redis.close();
        }
    }
}

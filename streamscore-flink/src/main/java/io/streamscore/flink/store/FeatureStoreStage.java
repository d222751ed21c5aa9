package io.streamscore.flink.store;

import io.streamscore.event.Event;
import io.streamscore.flink.EventStage;
import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.RedisStoreSpec;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Sends the features of every event of the store's source to the Redis feature store, as a side branch: the events
 * pass on unchanged. Add it after the stages whose features it stores; it runs after the join, so the columns the
 * {@code joins} section adds to its source can be stored too.
 * <pre>events -> FeatureVectorFunction -> RedisFeatureSink (flushed on checkpoints)</pre>
 */
public final class FeatureStoreStage implements EventStage {
    private static final long serialVersionUID = 1L;

    private final PipelineSpec spec;
    /** The columns of {@code Event.features} after the join: the feature plan's, then the join's. */
    private final List<String> columns;

    /** @param planColumns the feature plan's columns, in the order of {@code Event.features} */
    public FeatureStoreStage(PipelineSpec spec, List<String> planColumns) {
        this.spec = spec;
        this.columns = spec.joins().columnsAfter(planColumns);
    }

    @Override
    public DataStream<Event> apply(DataStream<Event> events) {
        RedisStoreSpec redis = spec.stores().redis();
        events.flatMap(new FeatureVectorFunction(redis, spec.source(redis.source()), columns))
                .uid(OperatorIds.FEATURE_VECTORS).name("feature vectors: " + redis.source())
                .sinkTo(new RedisFeatureSink(redis))
                .uid(OperatorIds.FEATURE_STORE_SINK).name("redis feature store");
        return events;
    }
}

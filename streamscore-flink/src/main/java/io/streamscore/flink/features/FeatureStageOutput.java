package io.streamscore.flink.features;

import io.streamscore.event.Event;
import io.streamscore.flink.ingest.LateEvent;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the feature stage produces: the events with their feature columns, and the events it found too late, by
 * source name (empty streams are not listed), for the late topic; {@code keyedByEventKey}: whether the events are
 * partitioned exactly like {@code keyBy(event -> event.key)}, so a keyed operator after them can reinterpret the
 * stream as keyed instead of shuffling it.
 */
public record FeatureStageOutput(DataStream<Event> events, Map<String, DataStream<LateEvent>> lateBySource,
                                 boolean keyedByEventKey) {
    public FeatureStageOutput {
        lateBySource = Map.copyOf(lateBySource);
    }
}

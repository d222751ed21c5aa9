package io.streamscore.flink.features;

import io.streamscore.event.Event;
import io.streamscore.flink.ingest.LateEvent;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the feature stage produces: the events with their feature columns, and the events it found too late, by
 * source name (empty streams are not listed), for the late topic.
 */
public record FeatureStageOutput(DataStream<Event> events, Map<String, DataStream<LateEvent>> lateBySource) {
    public FeatureStageOutput {
        lateBySource = Map.copyOf(lateBySource);
    }
}

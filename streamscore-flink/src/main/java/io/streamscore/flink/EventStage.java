package io.streamscore.flink;

import io.streamscore.event.Event;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A stage between ingest and scoring: features, joins and enrichment plug in here, in the order given to the
 * {@link PipelineJob}. A stage receives the valid, on-time events of every source and returns the events to score.
 */
@FunctionalInterface
public interface EventStage extends Serializable {
    DataStream<Event> apply(DataStream<Event> events);
}

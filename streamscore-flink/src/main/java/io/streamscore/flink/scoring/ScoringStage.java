package io.streamscore.flink.scoring;

import io.streamscore.event.Event;
import io.streamscore.flink.sink.OutputRecord;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The scoring stage of a pipeline: turns the events (with their features) into one {@link ScoreRecord} each, and
 * may add outputs of its own (shadow scores, refused model changes as dead letters) that go to the job's one Kafka
 * sink with everything else. {@link UnscoredStage} without a model, {@link ModelScoringStage} with the registry's
 * model in process; a remote model server plugs in here as another implementation. The scores stream must carry
 * every event exactly once.
 */
@FunctionalInterface
public interface ScoringStage extends Serializable {
    Output apply(DataStream<Event> events);

    /** Scores, and records already encoded for their topics. */
    record Output(DataStream<ScoreRecord> scores, List<DataStream<OutputRecord>> extraOutputs) {
        public Output {
            extraOutputs = List.copyOf(extraOutputs);
        }
    }
}

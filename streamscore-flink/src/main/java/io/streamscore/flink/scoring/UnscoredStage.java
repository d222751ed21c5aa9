package io.streamscore.flink.scoring;

import io.streamscore.event.Event;
import io.streamscore.flink.internal.OperatorIds;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Scoring without a model: every event becomes a result with a null score. */
public final class UnscoredStage implements ScoringStage {
    @Override
    public Output apply(DataStream<Event> events) {
        return new Output(events.map(new UnscoredResultFunction()).uid(OperatorIds.SCORING).name("scoring: no model"),
                List.of());
    }
}

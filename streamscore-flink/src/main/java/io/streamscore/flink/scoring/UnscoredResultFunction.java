package io.streamscore.flink.scoring;

import io.streamscore.event.Event;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * The scoring stage of a pipeline without a model: every event becomes a result with an empty score. It keeps the
 * output shape and the operator id that a model-backed scorer will take over; the score encoder counts the results.
 */
public final class UnscoredResultFunction implements MapFunction<Event, ScoreRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public ScoreRecord map(Event event) {
        return ScoreRecord.of(event);
    }
}

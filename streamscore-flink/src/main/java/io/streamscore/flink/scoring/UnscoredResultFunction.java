package io.streamscore.flink.scoring;

import io.streamscore.event.Event;
import io.streamscore.flink.metrics.PipelineMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * The scoring stage of a pipeline without a model: every event becomes a result with an empty score. It keeps the
 * output shape, the counters and the operator id that a model-backed scorer will take over.
 */
public final class UnscoredResultFunction extends RichMapFunction<Event, ScoreRecord> {
    private transient Counter scored;

    @Override
    public void open(OpenContext openContext) {
        scored = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup()).counter(PipelineMetrics.SCORED);
    }

    @Override
    public ScoreRecord map(Event event) {
        scored.inc();
        return ScoreRecord.of(event);
    }
}

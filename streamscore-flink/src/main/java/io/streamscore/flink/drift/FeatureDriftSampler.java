package io.streamscore.flink.drift;

import io.streamscore.event.Event;
import io.streamscore.scoring.ModelInput;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Takes each event's model inputs (as the scorer sees them: feature columns, else event fields) for the drift monitor.
 */
public final class FeatureDriftSampler implements FlatMapFunction<Event, DriftSample> {
    private final Map<String, ModelInput> inputBySource;

    /** @param inputBySource how the model's inputs resolve in each source's events; other sources are not sampled */
    public FeatureDriftSampler(Map<String, ModelInput> inputBySource) {
        this.inputBySource = Map.copyOf(inputBySource);
    }

    @Override
    public void flatMap(Event event, Collector<DriftSample> out) {
        ModelInput input = inputBySource.get(event.source);
        if (input != null) {
            double[] row = new double[input.width()];
            input.fill(event, row);
            out.collect(new DriftSample(event.eventTime, false, row));
        }
    }
}

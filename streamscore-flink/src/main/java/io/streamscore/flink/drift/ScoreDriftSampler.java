package io.streamscore.flink.drift;

import io.streamscore.flink.scoring.ScoreRecord;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Takes each result's score for the drift monitor; results without a score (no model yet) are not sampled. */
public final class ScoreDriftSampler implements FlatMapFunction<ScoreRecord, DriftSample> {
    @Override
    public void flatMap(ScoreRecord result, Collector<DriftSample> out) {
        if (result.hasScore()) {
            out.collect(new DriftSample(result.eventTime, true, new double[] {result.score}));
        }
    }
}

package io.streamscore.flink.drift;

import io.streamscore.event.Event;
import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.flink.scoring.ScoreRecord;
import io.streamscore.flink.sink.OutputRecord;
import io.streamscore.scoring.ModelInput;
import io.streamscore.spec.SourceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Adds the drift monitor beside the main path:
 * <pre>
 * events (before scoring) -> model inputs --+
 *                                           +--> drift monitor (parallelism 1) -> encode -> alerts topic
 * results (after scoring) -> scores --------+
 * </pre>
 */
public final class DriftStage {
    private final DriftPlan plan;
    private final List<SourceSpec> sources;
    private final List<String> featureColumns;
    private final String alertsTopic;

    public DriftStage(DriftPlan plan, List<SourceSpec> sources, List<String> featureColumns, String alertsTopic) {
        this.plan = plan;
        this.sources = List.copyOf(sources);
        this.featureColumns = List.copyOf(featureColumns);
        this.alertsTopic = alertsTopic;
    }

    /** Wires the monitor; returns its encoded alerts for the sink. */
    public DataStream<OutputRecord> wire(DataStream<Event> events, DataStream<ScoreRecord> results) {
        Map<String, ModelInput> inputs = new LinkedHashMap<>();
        for (SourceSpec source : sources) {
            inputs.put(source.name(), ModelInput.resolve(plan.features(), featureColumns, source.schema()));
        }
        DataStream<DriftSample> featureSamples = events.flatMap(new FeatureDriftSampler(inputs))
                .uid(OperatorIds.DRIFT_FEATURE_SAMPLES).name("drift: model inputs");
        DataStream<DriftSample> scoreSamples = results.flatMap(new ScoreDriftSampler())
                .uid(OperatorIds.DRIFT_SCORE_SAMPLES).name("drift: scores");
        return featureSamples.union(scoreSamples)
                .transform("drift monitor: " + plan.modelName() + " v" + plan.modelVersion(),
                        TypeInformation.of(DriftAlert.class), new DriftMonitorOperator(plan))
                .setParallelism(1).setMaxParallelism(1).uid(OperatorIds.DRIFT_MONITOR)
                .map(new DriftAlertEncoder(alertsTopic)).setParallelism(1)
                .uid(OperatorIds.ENCODE_DRIFT_ALERTS).name("encode drift alerts");
    }
}

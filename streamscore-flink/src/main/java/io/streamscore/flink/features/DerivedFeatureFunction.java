package io.streamscore.flink.features;

import io.streamscore.event.Event;
import io.streamscore.features.DerivedFeature;
import io.streamscore.features.ExpressionDerivedFeature;
import io.streamscore.features.FeatureColumns;
import io.streamscore.features.FeaturePlan;
import io.streamscore.flink.metrics.PipelineMetrics;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * The last step of the feature stage: fills the derived columns, in plan order, from each event's fields and the
 * windowed values computed before (a derived feature may read an earlier derived column). Every event leaves with
 * feature columns of the plan's width, NaN where a feature does not apply to its source. Counts each expression's
 * failed evaluations ({@link PipelineMetrics#EXPRESSION_FAILURES}).
 */
public final class DerivedFeatureFunction extends RichMapFunction<Event, Event> {
    private final FeaturePlan plan;

    public DerivedFeatureFunction(FeaturePlan plan) {
        this.plan = plan;
    }

    @Override
    public void open(OpenContext openContext) {
        for (DerivedFeature feature : plan.derived()) {
            if (feature instanceof ExpressionDerivedFeature derived) {
                PipelineMetrics.expressionFailures(getRuntimeContext().getMetricGroup(),
                        "features." + derived.name() + ".expression", derived.expression());
            }
        }
    }

    @Override
    public Event map(Event event) {
        double[] columns = FeatureColumns.of(event, plan.width());
        List<DerivedFeature> derived = plan.derived();
        for (int i = 0; i < derived.size(); i++) {
            columns[plan.derivedColumn(i)] = derived.get(i).evaluate(event);
        }
        return event;
    }
}

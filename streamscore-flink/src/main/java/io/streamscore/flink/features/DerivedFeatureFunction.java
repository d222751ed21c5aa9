package io.streamscore.flink.features;

import io.streamscore.event.Event;
import io.streamscore.features.FeatureColumns;
import io.streamscore.features.DerivedFeature;
import io.streamscore.features.FeaturePlan;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * The last step of the feature stage: fills the derived columns, in plan order, from each event's fields and the
 * windowed values computed before (a derived feature may read an earlier derived column). Every event leaves with
 * feature columns of the plan's width, NaN where a feature does not apply to its source.
 */
public final class DerivedFeatureFunction implements MapFunction<Event, Event> {
    private final FeaturePlan plan;

    public DerivedFeatureFunction(FeaturePlan plan) {
        this.plan = plan;
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

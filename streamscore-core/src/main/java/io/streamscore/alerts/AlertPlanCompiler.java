package io.streamscore.alerts;

import io.streamscore.expression.ExpressionScope;
import io.streamscore.features.FeaturePlan;
import io.streamscore.features.FeaturePlanCompiler;
import io.streamscore.spec.AlertSpec;
import io.streamscore.spec.PipelineSpec;
import java.util.List;

/**
 * Compiles a validated spec's {@code alerts} section into an {@link AlertPlan}. A rule's condition sees its source's
 * fields, the columns of the feature plan (every feature is computed before the rules run) and, when the spec has a
 * model, its score ({@value AlertRule#SCORE}, the column after the feature and joined columns); the spec loader has
 * already proven each condition compiles and names only features of the rule's own source.
 */
public final class AlertPlanCompiler {
    private AlertPlanCompiler() {}

    /** The rules of {@code spec} over the columns of {@code features}, the plan compiled from the same spec. */
    public static AlertPlan compile(PipelineSpec spec, FeaturePlan features) {
        if (spec.alerts().isEmpty()) {
            return AlertPlan.EMPTY;
        }
        List<AlertRule> rules = spec.alerts().stream().map(alert -> rule(spec, alert, features)).toList();
        return new AlertPlan(rules);
    }

    /** The rules of {@code spec}, compiling its feature plan for their column names. */
    public static AlertPlan compile(PipelineSpec spec) {
        return compile(spec, FeaturePlanCompiler.compile(spec));
    }

    private static AlertRule rule(PipelineSpec spec, AlertSpec alert, FeaturePlan features) {
        ExpressionScope scope = ExpressionScope.of(spec.source(alert.source()).schema())
                .withColumns(features.columns());
        if (spec.model().isEmpty()) {
            return AlertRule.of(alert.name(), alert.source(), alert.when(), alert.cooldown(), scope);
        }
        int scoreSlot = spec.joins().columnsAfter(features.columns()).size();
        return AlertRule.overScore(alert.name(), alert.source(), alert.when(), alert.cooldown(), scope, scoreSlot);
    }
}

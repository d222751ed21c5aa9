package io.streamscore.features;

import io.streamscore.event.EventSchema;
import io.streamscore.spec.DerivedFeatureSpec;
import io.streamscore.spec.FeatureSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;

/**
 * Compiles a validated spec's {@code features} section into the {@link FeaturePlan} the feature operators run:
 * windowed features grouped by (source, key fields) in order of first appearance, then the derived features (see
 * {@link FeaturePlanBuilder} for the layout). Filters and derived expressions are compiled here; the spec loader
 * already proved that they compile, so this does not fail on a loaded spec.
 */
public final class FeaturePlanCompiler {
    private FeaturePlanCompiler() {}

    public static FeaturePlan compile(PipelineSpec spec) {
        if (spec.features().isEmpty()) {
            return FeaturePlan.EMPTY;
        }
        FeaturePlanBuilder builder = new FeaturePlanBuilder();
        spec.sources().forEach(source -> builder.source(source.name(), source.schema()));
        for (FeatureSpec feature : spec.features().windowed()) {
            SourceSpec source = spec.source(feature.source());
            builder.windowed(source.name(), feature.key(), definition(feature, source.schema()));
        }
        for (DerivedFeatureSpec derived : spec.features().derived()) {
            builder.derived(derived.source(), derived.name(), derived.expression());
        }
        return builder.build();
    }

    /** The window definition of a spec feature, its field and filter resolved against its source's schema. */
    static FeatureDefinition definition(FeatureSpec feature, EventSchema schema) {
        FeatureDefinition.Builder definition = FeatureDefinition.builder(feature.name())
                .aggregation(feature.aggregation())
                .field(feature.field() == null ? null : schema.require(feature.field()))
                .window(feature.window())
                .tile(feature.tile())
                .filter(feature.filter() == null ? FeatureFilter.ALL
                        : ExpressionFeatureFilter.of(schema, feature.filter()));
        if (feature.aggregation() == Aggregation.LAST_N) {
            definition.lastN(feature.lastN());
        }
        if (feature.aggregation() == Aggregation.DISTINCT_COUNT) {
            definition.distinctCap(feature.distinctCap());
        }
        return definition.build();
    }
}

package io.streamscore.spec;

import java.util.List;
import java.util.Objects;

/**
 * A validated pipeline: what a YAML spec file says once {@link SpecLoader} has checked every field. Everything the
 * job needs is here, so a job built from a {@code PipelineSpec} cannot fail on configuration.
 *
 * <p>Sections {@code joins}, {@code model} and {@code stores} are reserved for the stages that plug in after
 * features; each gets its own record here when its stage lands.
 */
public record PipelineSpec(String name, KafkaSpec kafka, List<SourceSpec> sources, OutputsSpec outputs,
                           RuntimeSpec runtime, FeaturesSpec features) {
    public PipelineSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(features, "features");
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one source");
        }
    }

    /** A pipeline without features. */
    public PipelineSpec(String name, KafkaSpec kafka, List<SourceSpec> sources, OutputsSpec outputs, RuntimeSpec runtime) {
        this(name, kafka, sources, outputs, runtime, FeaturesSpec.NONE);
    }

    public PipelineSpec withKafka(KafkaSpec newKafka) {
        return new PipelineSpec(name, newKafka, sources, outputs, runtime, features);
    }

    public PipelineSpec withOutputs(OutputsSpec newOutputs) {
        return new PipelineSpec(name, kafka, sources, newOutputs, runtime, features);
    }

    public PipelineSpec withRuntime(RuntimeSpec newRuntime) {
        return new PipelineSpec(name, kafka, sources, outputs, newRuntime, features);
    }

    public PipelineSpec withFeatures(FeaturesSpec newFeatures) {
        return new PipelineSpec(name, kafka, sources, outputs, runtime, newFeatures);
    }
}

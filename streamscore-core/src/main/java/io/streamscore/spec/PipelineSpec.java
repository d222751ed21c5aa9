package io.streamscore.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated pipeline: what a YAML spec file says once {@link SpecLoader} has checked every field. Everything the
 * job needs is here, so a job built from a {@code PipelineSpec} cannot fail on configuration.
 *
 * <p>{@code features} and {@code alerts} hold text expressions, already proven to compile; the Flink job turns
 * them into plans with {@code FeaturePlanCompiler} and {@code AlertPlanCompiler}. {@code model} is empty when
 * the pipeline scores without a model. {@code joins}
 * ({@link JoinsSpec#NONE} when absent) says which streams enrich which source's events. {@code stores}
 * ({@link StoresSpec#NONE} when absent) holds resolved secrets, which print masked. {@code monitoring}
 * ({@link MonitoringSpec#NONE} when absent) configures the drift monitor.
 */
public record PipelineSpec(String name, KafkaSpec kafka, List<SourceSpec> sources, OutputsSpec outputs,
                           RuntimeSpec runtime, FeaturesSpec features, List<AlertSpec> alerts, StoresSpec stores,
                           Optional<ModelSpec> model, JoinsSpec joins, MonitoringSpec monitoring) {
    /** The spec field of the model's control topic (see {@link #topicsByField()}). */
    public static final String CONTROL_TOPIC_FIELD = "model.control_topic";

    public PipelineSpec {
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(joins, "joins");
        sources = List.copyOf(sources);
        alerts = List.copyOf(alerts);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one source");
        }
    }

    /** A pipeline without a monitoring section (no drift monitor). */
    public PipelineSpec(String name, KafkaSpec kafka, List<SourceSpec> sources, OutputsSpec outputs,
                        RuntimeSpec runtime, FeaturesSpec features, List<AlertSpec> alerts, StoresSpec stores,
                        Optional<ModelSpec> model, JoinsSpec joins) {
        this(name, kafka, sources, outputs, runtime, features, alerts, stores, model, joins, MonitoringSpec.NONE);
    }

    /** A pipeline without joins. */
    public PipelineSpec(String name, KafkaSpec kafka, List<SourceSpec> sources, OutputsSpec outputs,
                        RuntimeSpec runtime, FeaturesSpec features, List<AlertSpec> alerts, StoresSpec stores,
                        Optional<ModelSpec> model) {
        this(name, kafka, sources, outputs, runtime, features, alerts, stores, model, JoinsSpec.NONE);
    }

    /** A pipeline without a model. */
    public PipelineSpec(String name, KafkaSpec kafka, List<SourceSpec> sources, OutputsSpec outputs,
                        RuntimeSpec runtime, FeaturesSpec features, List<AlertSpec> alerts, StoresSpec stores) {
        this(name, kafka, sources, outputs, runtime, features, alerts, stores, Optional.empty());
    }

    /** A pipeline without stores or a model. */
    public PipelineSpec(String name, KafkaSpec kafka, List<SourceSpec> sources, OutputsSpec outputs,
                        RuntimeSpec runtime, FeaturesSpec features, List<AlertSpec> alerts) {
        this(name, kafka, sources, outputs, runtime, features, alerts, StoresSpec.NONE);
    }

    /** A pipeline without features or alerts. */
    public PipelineSpec(String name, KafkaSpec kafka, List<SourceSpec> sources, OutputsSpec outputs,
                        RuntimeSpec runtime) {
        this(name, kafka, sources, outputs, runtime, FeaturesSpec.NONE);
    }

    /** A pipeline without alerts. */
    public PipelineSpec(String name, KafkaSpec kafka, List<SourceSpec> sources, OutputsSpec outputs,
                        RuntimeSpec runtime, FeaturesSpec features) {
        this(name, kafka, sources, outputs, runtime, features, List.of());
    }

    public PipelineSpec withKafka(KafkaSpec newKafka) {
        return new PipelineSpec(name, newKafka, sources, outputs, runtime, features, alerts, stores, model, joins,
                monitoring);
    }

    public PipelineSpec withOutputs(OutputsSpec newOutputs) {
        return new PipelineSpec(name, kafka, sources, newOutputs, runtime, features, alerts, stores, model, joins,
                monitoring);
    }

    public PipelineSpec withRuntime(RuntimeSpec newRuntime) {
        return new PipelineSpec(name, kafka, sources, outputs, newRuntime, features, alerts, stores, model, joins,
                monitoring);
    }

    public PipelineSpec withFeatures(FeaturesSpec newFeatures) {
        return new PipelineSpec(name, kafka, sources, outputs, runtime, newFeatures, alerts, stores, model, joins,
                monitoring);
    }

    public PipelineSpec withAlerts(List<AlertSpec> newAlerts) {
        return new PipelineSpec(name, kafka, sources, outputs, runtime, features, newAlerts, stores, model, joins,
                monitoring);
    }

    public PipelineSpec withStores(StoresSpec newStores) {
        return new PipelineSpec(name, kafka, sources, outputs, runtime, features, alerts, newStores, model, joins,
                monitoring);
    }

    public PipelineSpec withModel(ModelSpec newModel) {
        return new PipelineSpec(name, kafka, sources, outputs, runtime, features, alerts, stores,
                Optional.ofNullable(newModel), joins, monitoring);
    }

    public PipelineSpec withMonitoring(MonitoringSpec newMonitoring) {
        return new PipelineSpec(name, kafka, sources, outputs, runtime, features, alerts, stores, model, joins,
                newMonitoring);
    }

    public PipelineSpec withJoins(JoinsSpec newJoins) {
        return new PipelineSpec(name, kafka, sources, outputs, runtime, features, alerts, stores, model, newJoins,
                monitoring);
    }

    /**
     * Every topic the pipeline reads or writes, by the spec field that names it, in the spec's order: each source's
     * ({@code sources.<name>.topic}), the four outputs ({@code outputs.scores_topic}, ...) and, with a model, its
     * {@code model.control_topic} and {@code model.shadow_topic}.
     */
    public Map<String, String> topicsByField() {
        Map<String, String> topics = new LinkedHashMap<>();
        sources.forEach(source -> topics.put("sources." + source.name() + ".topic", source.topic()));
        topics.put("outputs.scores_topic", outputs.scoresTopic());
        topics.put("outputs.alerts_topic", outputs.alertsTopic());
        topics.put("outputs.late_topic", outputs.lateTopic());
        topics.put("outputs.dead_letter_topic", outputs.deadLetterTopic());
        model().ifPresent(spec -> {
            topics.put(CONTROL_TOPIC_FIELD, spec.controlTopic());
            topics.put("model.shadow_topic", spec.shadowTopic());
        });
        return topics;
    }

    /** The source named {@code sourceName}; throws when there is none. */
    public SourceSpec source(String sourceName) {
        return sources.stream().filter(source -> source.name().equals(sourceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source named " + sourceName + "; sources are "
                        + sources.stream().map(SourceSpec::name).toList()));
    }
}

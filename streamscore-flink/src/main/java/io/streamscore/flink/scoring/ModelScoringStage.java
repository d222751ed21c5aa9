package io.streamscore.flink.scoring;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.flink.sink.DeadLetterEncoder;
import io.streamscore.flink.sink.OutputLimitSource;
import io.streamscore.flink.sink.TopicLimits;
import io.streamscore.flink.sink.ShadowEncoder;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.RegistryException;
import io.streamscore.scoring.ModelLoader;
import io.streamscore.scoring.ScorerFactory;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Scoring with the registry's model, in process:
 * <pre>
 * control topic -> ModelControlFunction (p=1: re-read registry, load + self-check) -> plans --broadcast--+
 *                        |refused / malformed -> dead-letter topic                                     |
 * events -----------------------------------------------------------------> ModelScoringFunction -> scores
 *                                                                               |shadow -> shadow topic
 * </pre>
 * The control source starts at the time this stage was built (earlier changes are already in the registry, which
 * the functions read when they open) and its watermark is always the maximum, so it never holds event time back.
 */
public final class ModelScoringStage implements ScoringStage {
    private final PipelineSpec spec;
    private final ModelSpec model;
    private final List<String> featureColumns;
    private final String bootstrapServers;
    private final ScorerFactory factory;
    private final long startMillis;
    private final OutputLimitSource deadLetterLimit;

    private ModelScoringStage(PipelineSpec spec, List<String> featureColumns, String bootstrapServers,
                              ScorerFactory factory, OutputLimitSource deadLetterLimit) {
        this.spec = spec;
        this.model = spec.model().orElseThrow(() -> new IllegalArgumentException("the spec has no model section"));
        this.featureColumns = List.copyOf(featureColumns);
        this.bootstrapServers = bootstrapServers;
        this.factory = factory;
        this.startMillis = System.currentTimeMillis();
        this.deadLetterLimit = deadLetterLimit;
    }

    /**
     * The stage for {@code spec}'s model, after checking that the registry has a champion (or an earlier one, when it
     * is refused) that loads and passes its self-check, so that a job without a usable model fails here with a
     * message, not in a restart loop.
     *
     * @throws ModelNotServableException naming {@code model.registry} / {@code model.name} and the fix
     */
    public static ModelScoringStage create(PipelineSpec spec, List<String> featureColumns, String bootstrapServers,
                                           ScorerFactory factory) {
        return create(spec, featureColumns, bootstrapServers, factory, TopicLimits.NONE);
    }

    /**
     * With the brokers' {@code max.message.bytes} of the output topics ({@code topicLimits}): refused model changes
     * are dead letters, checked against the dead-letter topic's limit.
     */
    public static ModelScoringStage create(PipelineSpec spec, List<String> featureColumns, String bootstrapServers,
                                           ScorerFactory factory, TopicLimits topicLimits) {
        ModelScoringStage stage = new ModelScoringStage(spec, featureColumns, bootstrapServers, factory,
                OutputLimitSource.of(spec, spec.outputs().deadLetterTopic(), topicLimits));
        stage.checkChampion();
        return stage;
    }

    /** With the evaluators chosen by model format ({@link ModelLoader#BY_FORMAT}). */
    public static ModelScoringStage create(PipelineSpec spec, List<String> featureColumns, String bootstrapServers) {
        return create(spec, featureColumns, bootstrapServers, ModelLoader.BY_FORMAT);
    }

    private void checkChampion() {
        try {
            ModelRegistry registry = ModelRegistry.open(model.registry());
            new PlanResolver(registry, new PipelineModelLoader(new ModelLoader(registry, factory), featureColumns,
                    scoredSchemas(), model.thresholdFromModel()), model.name()).resolve(null, 0);
        } catch (IllegalStateException | RegistryException e) {
            throw new ModelNotServableException("model.name '" + model.name() + "' in model.registry "
                    + model.registry() + " cannot score: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("model.registry " + model.registry() + " cannot be read", e);
        }
    }

    /** The schemas of the sources whose events are scored: every source but those the join consumes. */
    private Map<String, EventSchema> scoredSchemas() {
        Map<String, EventSchema> schemas = new LinkedHashMap<>();
        for (SourceSpec source : spec.sources()) {
            if (!spec.joins().joinedSources().contains(source.name())) {
                schemas.put(source.name(), source.schema());
            }
        }
        return schemas;
    }

    @Override
    public Output apply(DataStream<Event> events) {
        Map<String, EventSchema> schemas = scoredSchemas();
        SingleOutputStreamOperator<ServingPlan> plans = events.getExecutionEnvironment()
                .fromSource(controlSource(), ControlWatermarks.strategy(), "model control <- " + model.controlTopic())
                .uid(OperatorIds.MODEL_CONTROL_SOURCE).setParallelism(1)
                .process(new ModelControlFunction(model.registry(), model.name(), featureColumns, schemas, factory,
                        model.thresholdFromModel()))
                .uid(OperatorIds.MODEL_CONTROL).name("model control: " + model.name()).setParallelism(1);
        DataStream<DeadLetter> refused = plans.getSideOutput(ModelControlFunction.DEAD_LETTERS);
        BroadcastStream<ServingPlan> broadcast = plans.broadcast(ModelScoringFunction.PLANS);
        CanaryRollback rollback = new CanaryRollback(model.registry(), model.name(), bootstrapServers,
                model.controlTopic(), spec.kafka().properties());
        SingleOutputStreamOperator<ScoreRecord> scores = events.connect(broadcast)
                .process(new ModelScoringFunction(model, featureColumns, schemas, factory, rollback))
                .uid(OperatorIds.SCORING).name("scoring: model " + model.name());
        return new Output(scores, List.of(
                scores.getSideOutput(ModelScoringFunction.SHADOW).map(new ShadowEncoder(model.shadowTopic()))
                        .uid(OperatorIds.ENCODE_SHADOW).name("encode shadow scores"),
                refused.map(new DeadLetterEncoder(deadLetterLimit))
                        .uid(OperatorIds.ENCODE_MODEL_DEAD_LETTERS).name("encode refused model changes")));
    }

    private KafkaSource<ControlRecord> controlSource() {
        Properties properties = new Properties();
        properties.putAll(spec.kafka().properties());
        return KafkaSource.<ControlRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(model.controlTopic())
                .setGroupId("streamscore-" + spec.name() + "-model-control")
                .setStartingOffsets(OffsetsInitializer.timestamp(startMillis))
                .setDeserializer(new ControlRecordDeserializer())
                .setProperties(properties)
                .build();
    }
}

package io.streamscore.flink.job;

import io.streamscore.alerts.AlertPlanCompiler;
import io.streamscore.features.FeaturePlan;
import io.streamscore.features.FeaturePlanCompiler;
import io.streamscore.flink.EventStage;
import io.streamscore.flink.PipelineJob;
import io.streamscore.flink.drift.DriftPlan;
import io.streamscore.flink.ingest.KafkaIngestSourceFactory;
import io.streamscore.flink.internal.FeatureGroupUids;
import io.streamscore.flink.internal.RecordedUids;
import io.streamscore.flink.scoring.ModelScoringStage;
import io.streamscore.flink.scoring.RemoteScoringStage;
import io.streamscore.scoring.ModelLoader;
import io.streamscore.spec.ModelSpec;
import io.streamscore.flink.sink.KafkaOutputSink;
import io.streamscore.flink.store.FeatureStoreStage;
import io.streamscore.flink.store.PostgresResultSink;
import io.streamscore.spec.PipelineSpec;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A spec's pipeline wired to Kafka, the same for a local run and a cluster job: its sources, the Kafka sinks,
 * the features, alerts and model it declares, its drift monitor, and its stores. The size checks of the late and
 * dead-letter outputs use the topics' {@code max.message.bytes} as the brokers report it now, and again when their
 * tasks restart after a failure ({@link BrokerTopicLimits}).
 */
public final class KafkaPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPipeline.class);

    private KafkaPipeline() {}

    /**
     * The complete job; {@code stages} run after the features, before the feature store and scoring. {@code uids}:
     * the feature groups' operator uids, {@link #featureUids} of the path the job restores from.
     */
    public static PipelineJob create(PipelineSpec spec, String bootstrapServers, List<EventStage> stages,
                                     FeatureGroupUids uids) {
        FeaturePlan features = FeaturePlanCompiler.compile(spec);
        // The outputs whose records' size the data decides; the others are bounded by the spec (see OutputSizeLimit).
        BrokerTopicLimits topicLimits = BrokerTopicLimits.read(spec, bootstrapServers,
                List.of(spec.outputs().lateTopic(), spec.outputs().deadLetterTopic()));
        PipelineJob.Builder builder = PipelineJob.builder(spec)
                .sources(new KafkaIngestSourceFactory(bootstrapServers, spec))
                .sink(KafkaOutputSink.otherOutputs(bootstrapServers, spec))
                .scoresSink(KafkaOutputSink.scores(bootstrapServers, spec))
                .features(features, uids)
                .alerts(AlertPlanCompiler.compile(spec, features))
                .drift(DriftPlan.forSpec(spec).orElse(null))
                .topicLimits(topicLimits);
        // A model's inputs may be join columns too: scoring runs after the join, whose columns follow the features'.
        List<String> columns = spec.joins().columnsAfter(features.columns());
        if (spec.model().flatMap(ModelSpec::remoteScoring).isPresent()) {
            builder.scoring(new RemoteScoringStage(spec, columns));
        } else if (spec.model().isPresent()) {
            builder.scoring(ModelScoringStage.create(spec, columns, bootstrapServers, ModelLoader.BY_FORMAT,
                    topicLimits));
        }
        stages.forEach(builder::stage);
        if (spec.stores().redis() != null) {
            builder.stage(new FeatureStoreStage(spec, features.columns())); // after the stages whose features it stores
        }
        if (spec.stores().postgres() != null) {
            builder.resultStore(new PostgresResultSink(spec.stores().postgres(), spec.outputs().scoresTopic(),
                    spec.outputs().alertsTopic()));
        }
        return builder.build();
    }

    /**
     * The uids under which the checkpoint or savepoint at {@code restorePath} holds the state of the spec's feature
     * groups ({@link FeatureGroupUids#restoring}), by what its metadata records ({@code recorded}, read by the caller,
     * which needs it again); a new job's, {@link FeatureGroupUids#V2}, when the path is null.
     */
    public static FeatureGroupUids featureUids(PipelineSpec spec, String restorePath, RecordedUids recorded) {
        if (restorePath == null) {
            return FeatureGroupUids.V2;
        }
        FeatureGroupUids uids = FeatureGroupUids.restoring(FeaturePlanCompiler.compile(spec).groups(),
                recorded);
        LOG.info("feature group uids for the restore from {}: {} kept from an older job, the others by source and key",
                restorePath, uids.kept().isEmpty() ? "none" : uids.kept().values());
        return uids;
    }
}

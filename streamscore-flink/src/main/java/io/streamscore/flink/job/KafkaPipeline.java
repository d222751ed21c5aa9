package io.streamscore.flink.job;

import io.streamscore.alerts.AlertPlanCompiler;
import io.streamscore.features.FeaturePlan;
import io.streamscore.features.FeaturePlanCompiler;
import io.streamscore.flink.PipelineJob;
import io.streamscore.flink.ingest.KafkaIngestSourceFactory;
import io.streamscore.flink.sink.KafkaOutputSink;
import io.streamscore.spec.PipelineSpec;

/** A spec's pipeline wired to Kafka: its sources, the one Kafka sink, and the features and alerts it declares. */
public final class KafkaPipeline {
    private KafkaPipeline() {}

    /** The builder with everything the spec declares; callers may add stages before {@code build()}. */
    public static PipelineJob.Builder builder(PipelineSpec spec, String bootstrapServers) {
        FeaturePlan features = FeaturePlanCompiler.compile(spec);
        return PipelineJob.builder(spec)
                .sources(new KafkaIngestSourceFactory(bootstrapServers, spec))
                .sink(KafkaOutputSink.create(bootstrapServers, spec))
                .features(features)
                .alerts(AlertPlanCompiler.compile(spec, features));
    }
}

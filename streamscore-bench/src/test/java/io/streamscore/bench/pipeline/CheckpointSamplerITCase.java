package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sampler against a real exactly-once job on a MiniCluster and the embedded broker: it reads the checkpoints'
 * phases per task from the MiniCluster's REST API ({@link LocalRuntime#flinkRestUrl()}), the Kafka sink's among them.
 */
class CheckpointSamplerITCase {
    private static final String SPEC = """
            name: phases
            kafka: {bootstrap: embedded}
            sources:
              transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
            features:
              - {name: user_tx_1h, aggregation: count, window: 1h}
            outputs: {scores_topic: scores, alerts_topic: alerts, late_topic: late, dead_letter_topic: dead,
                      guarantee: exactly_once, checkpoint_interval: 500ms}
            runtime: {parallelism: 2, state_backend: hashmap}
            """;

    @Test
    void readsEveryTasksCheckpointPhasesIncludingTheKafkaSinks() throws Exception {
        PipelineSpec spec = SpecLoader.parse(SPEC, Path.of("."));
        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            assertThat(runtime.flinkRestUrl()).startsWith("http://127.0.0.1:");
            String jobId = runtime.startJob(List.of()).getJobID().toHexString();
            CheckpointSampler sampler = new CheckpointSampler(runtime.metricsUrl(), runtime.flinkRestUrl(), jobId);
            try {
                // two sources read at different moments: the REST API can show a completed checkpoint before the
                // metrics endpoint was sampled after it, so wait for both
                await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    CheckpointSampler.Summary sampled = sampler.summary();
                    assertThat(sampled.phases()).as("tasks with phases")
                            .containsKey("kafka: exactly_once: Writer").hasSize(3);
                    assertThat(sampled.checkpoints()).as("checkpoints read from the metrics endpoint").isPositive();
                });
            } finally {
                sampler.close();
            }
            CheckpointSampler.Summary summary = sampler.summary();
            assertThat(summary.durationMsP50()).isNotNegative();
            assertThat(summary.phases().keySet()).containsExactlyInAnyOrder(
                    "Source: source: transactions", "features: user_id (1 features)",
                    "kafka: exactly_once: Writer");
            assertThat(summary.phases().values()).allSatisfy(phases -> {
                assertThat(phases.syncMs()).isNotNegative();
                assertThat(phases.asyncMs()).isNotNegative();
                assertThat(phases.alignmentMs()).isNotNegative();
                assertThat(phases.startDelayMs()).isNotNegative();
                assertThat(phases.endToEndMs()).isNotNegative();
            });
        }
    }
}

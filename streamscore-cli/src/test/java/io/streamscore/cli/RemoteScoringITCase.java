package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.dashboard.MetricSample;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TestModels;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.XGBoostJsonModel;
import io.streamscore.serving.InferenceServer;
import io.streamscore.serving.ServerConfig;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline through a real Kafka broker and a Flink MiniCluster, scoring through {@code streamscore serve}
 * ({@code model.remote}, micro-batched, over REST and over gRPC): every event is scored exactly once, by the server,
 * with exactly the score the in-process evaluator gives the same model row.
 */
class RemoteScoringITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 2_000;

    @TempDir
    Path dir;

    /**
     * Over REST with the rows and scores as JSON numbers, over REST as binary tensor data ({@code binary_data: true}),
     * and over gRPC ({@code url: grpc://...}).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REST, JSON", "REST, binary_data", "gRPC"})
    void scoresThroughServeEqualInProcessScoresExactlyOnce(String transport) throws Exception {
        ModelRegistry registry = TestModels.registry(dir);
        Scorer inProcess = XGBoostJsonModel.load(new ByteArrayInputStream(registry.modelBytes(TestModels.NAME, 1)))
                .scorer();
        boolean grpc = "gRPC".equals(transport);
        boolean binaryData = transport.endsWith("binary_data");
        try (InferenceServer server = InferenceServer.start(ServerConfig.local(0).withGrpcPort(0), registry,
                List.of())) {
            PipelineSpec spec = remoteSpec(registry.root(), grpc ? server.grpcTarget() : server.url(),
                    "max_batch: 32, max_wait: 5ms, timeout: 5s, binary_data: " + binaryData);
            assertThat(spec.model().orElseThrow().remoteScoring().orElseThrow().grpc()).isEqualTo(grpc);
            GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
            try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
                input.produce(runtime.bootstrapServers(), "transactions");
                runtime.startJob(List.of());
                OutputsSpec outputs = runtime.spec().outputs();
                try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                    awaitOutputs(reader, outputs, input, Duration.ofSeconds(90));
                    assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                    assertScoredByTheServerAsInProcess(reader.records(outputs.scoresTopic()), inProcess);
                    assertScoredCountsEveryScore(runtime, reader.records(outputs.scoresTopic()).size());
                }
            }
        }
    }

    /**
     * {@code streamscore_scored_total}, and the model version's events and score histogram, count the remote scores
     * as they count in-process ones: none was exported with {@code model.remote} (the dashboard showed nothing
     * scored, "no model" and an empty score histogram, and records in != scored + dead letters + late).
     */
    private static void assertScoredCountsEveryScore(LocalRuntime runtime, int scores) {
        MetricsScraper scraper = new MetricsScraper(runtime.metricsUrl());
        Predicate<MetricSample> version =
                s -> s.label("model").equals(TestModels.NAME) && s.label("version").equals("1");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<MetricSample> samples = scraper.scrape();
            assertThat(MetricsEndpointITCase.value(samples, "streamscore_scored_total", MetricsEndpointITCase.any()))
                    .isEqualTo(scores);
            assertThat(MetricsEndpointITCase.value(samples, "streamscore_model_events_total", version))
                    .isEqualTo(scores);
            assertThat(MetricsEndpointITCase.value(samples, "streamscore_model_score_count", version))
                    .isEqualTo(scores);
        });
    }

    /** Every score came from the server (no fallback) and equals the in-process score of its model row. */
    static void assertScoredByTheServerAsInProcess(List<ConsumerRecord<byte[], byte[]>> scores,
                                                           Scorer inProcess) {
        assertThat(scores).hasSizeGreaterThan(TRANSACTIONS / 2);
        for (ConsumerRecord<byte[], byte[]> record : scores) {
            JsonNode score = json(record);
            assertThat(score.has("fallback")).as("fallback in %s", score).isFalse();
            assertThat(score.get("model").asText()).isEqualTo(TestModels.NAME);
            assertThat(score.get("model_version").asText()).isEqualTo("1");
            assertThat(score.get("score").doubleValue()).as("score of %s", score)
                    .isEqualTo(inProcessScore(score, inProcess));
            assertThat(score.get("decision").booleanValue()).isEqualTo(inProcessScore(score, inProcess) >= 0.5);
        }
    }

    /** The in-process score of the model row a score record carries ({@code include_features}). */
    static double inProcessScore(JsonNode score, Scorer inProcess) {
        JsonNode features = score.get("model_features");
        return inProcess.score(new double[] {features.get(0).doubleValue(), features.get(1).isNull() ? Double.NaN : 0});
    }

    /** The test pipeline scoring through {@code url}; {@code remoteOptions}: more model.remote keys, flow style. */
    static PipelineSpec remoteSpec(Path registry, String url, String remoteOptions) {
        return SpecLoader.parse(specYaml("json").replace("name: it-pipeline", "name: it-remote") + """
                model:
                  registry: %s
                  name: fraud
                  threshold: 0.5
                  include_features: true
                  remote: {url: "%s", fallback: default, default_score: -1, %s}
                """.formatted(registry, url, remoteOptions), Path.of("."));
    }
}

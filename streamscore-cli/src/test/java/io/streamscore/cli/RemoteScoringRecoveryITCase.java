package io.streamscore.cli;

import static io.streamscore.cli.MetricsEndpointITCase.any;
import static io.streamscore.cli.MetricsEndpointITCase.value;
import static io.streamscore.cli.RemoteScoringITCase.assertScoredByTheServerAsInProcess;
import static io.streamscore.cli.RemoteScoringITCase.inProcessScore;
import static io.streamscore.cli.RemoteScoringITCase.remoteSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.dashboard.MetricSample;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.FailOnceAfterCheckpoint;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TestModels;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.EventStage;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.XGBoostJsonModel;
import io.streamscore.serving.FaultInjectionFilter;
import io.streamscore.serving.InferenceServer;
import io.streamscore.serving.ServerConfig;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote scoring ({@code model.remote} through {@code streamscore serve} in this JVM) under failure, through the
 * embedded Kafka broker and a Flink MiniCluster: a job failure while requests are in flight, and faults at the
 * server while the job runs. Either way the read_committed outputs hold every input exactly once.
 */
class RemoteScoringRecoveryITCase extends PipelineTestBase {
    private static final String FAILURE = "remote-scoring-recovery";

    @TempDir
    Path dir;

    /**
     * The job fails once after a checkpoint while the async operator has batches outstanding (the server takes 20 ms
     * per request); after the restore the checkpointed in-flight events are sent again, and every score is the
     * server's, equal to the in-process score, exactly once.
     */
    @Test
    void failureWithRequestsInFlightRestoresWithoutLossOrDuplicates() throws Exception {
        ModelRegistry registry = TestModels.registry(dir);
        FaultInjectionFilter faults = new FaultInjectionFilter();
        faults.delay(20);
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), 4_000);
        EventStage failOnce = events -> events.map(new FailOnceAfterCheckpoint(FAILURE, 800)).name("fail once (test)");
        try (InferenceServer server = InferenceServer.start(ServerConfig.local(0), registry, List.of(faults))) {
            PipelineSpec spec = remoteSpec(registry.root(), server.url(), "max_batch: 32, max_wait: 5ms, timeout: 5s");
            try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
                runtime.startJob(List.of(failOnce));
                OutputsSpec outputs = runtime.spec().outputs();
                produceInSlices(runtime.bootstrapServers(), input.records(), 8, Duration.ofMillis(400));
                try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                    awaitOutputs(reader, outputs, input, Duration.ofSeconds(50));

                    assertThat(FailOnceAfterCheckpoint.failed(FAILURE)).as("the injected failure happened").isTrue();
                    assertThat(FailOnceAfterCheckpoint.checkpointsBeforeFailure(FAILURE))
                            .as("a checkpoint completed before the failure").isPositive();
                    assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                    assertScoredByTheServerAsInProcess(reader.records(outputs.scoresTopic()), inProcess(registry));
                }
            }
        }
    }

    /**
     * While input streams in, the server turns slow (beyond the 300 ms timeout), then answers 500, then stops and
     * restarts on the same port. Events scored meanwhile carry {@code "fallback": true} and the default score; the
     * breaker opens (metrics: openings) and closes again once the server is back (state 0 on every subtask); the
     * other scores are the server's; every input is in the outputs exactly once.
     */
    @Test
    void slowFailingAndRestartedServerFallsBackWithoutLossOrDuplicates() throws Exception {
        ModelRegistry registry = TestModels.registry(dir);
        FaultInjectionFilter faults = new FaultInjectionFilter();
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), 3_000);
        InferenceServer server = InferenceServer.start(ServerConfig.local(0), registry, List.of(faults));
        int port = server.port();
        PipelineSpec spec = remoteSpec(registry.root(), server.url(), "max_batch: 16, max_wait: 5ms, timeout: 300ms, "
                + "retries: 1, backoff: 20ms, breaker_failures: 3, breaker_open_for: 500ms");
        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            runtime.startJob(List.of());
            String bootstrap = runtime.bootstrapServers();
            List<List<GeneratedRecord>> slices = slices(input.records(), 8);
            produce(bootstrap, slices.get(0));
            await().atMost(Duration.ofSeconds(30)).until(() -> faults.requests() > 0); // the job scores remotely
            produce(bootstrap, slices.get(1));
            faults.delay(1_000);
            produce(bootstrap, slices.get(2));
            faults.heal();
            faults.fail(500, Integer.MAX_VALUE);
            produce(bootstrap, slices.get(3));
            faults.heal();
            server.close();
            produce(bootstrap, slices.get(4));
            server = InferenceServer.start(ServerConfig.local(port), registry, List.of(faults));
            produce(bootstrap, slices.get(5), slices.get(6), slices.get(7));

            OutputsSpec outputs = runtime.spec().outputs();
            try (TopicReader reader = readOutputs(bootstrap, outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(50));
                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                long fallbacks = assertFallbacksFlaggedOthersAsInProcess(reader.records(outputs.scoresTopic()),
                        inProcess(registry));
                assertBreakerOpenedAndClosed(runtime, fallbacks);
            }
        } finally {
            server.close();
        }
    }

    private static long assertFallbacksFlaggedOthersAsInProcess(List<ConsumerRecord<byte[], byte[]>> scores,
                                                                Scorer inProcess) {
        long fallbacks = 0;
        for (ConsumerRecord<byte[], byte[]> record : scores) {
            JsonNode score = json(record);
            if (score.path("fallback").asBoolean(false)) {
                fallbacks++;
                assertThat(score.get("score").doubleValue()).as("default score of %s", score).isEqualTo(-1.0);
            } else {
                assertThat(score.get("score").doubleValue()).as("score of %s", score)
                        .isEqualTo(inProcessScore(score, inProcess));
            }
        }
        assertThat(fallbacks).as("events scored by the fallback").isPositive();
        assertThat(scores.size() - fallbacks).as("events scored by the server").isGreaterThan(scores.size() / 3);
        return fallbacks;
    }

    private static void assertBreakerOpenedAndClosed(LocalRuntime runtime, long fallbacks) {
        MetricsScraper scraper = new MetricsScraper(runtime.metricsUrl());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<MetricSample> samples = scraper.scrape();
            // Counts kept as gauges are added up across the subtasks: every flagged record, once.
            assertThat(value(samples, "streamscore_remote_fallbacks", any())).isEqualTo((double) fallbacks);
            assertThat(value(samples, "streamscore_remote_breaker_openings", any())).isPositive();
            assertThat(value(samples, "streamscore_remote_timeouts", any())).isPositive();
            assertThat(value(samples, "streamscore_remote_failures", any())).isPositive();
            assertThat(value(samples, "streamscore_remote_breaker_state", any())).as("every breaker closed (max)")
                    .isZero();
        });
    }

    private static Scorer inProcess(ModelRegistry registry) throws Exception {
        return XGBoostJsonModel.load(new ByteArrayInputStream(registry.modelBytes(TestModels.NAME, 1))).scorer();
    }

    private static List<List<GeneratedRecord>> slices(List<GeneratedRecord> records, int count) {
        int size = (records.size() + count - 1) / count;
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> records.subList(Math.min(records.size(), i * size),
                        Math.min(records.size(), (i + 1) * size)))
                .toList();
    }

    /** Produces each slice, then lets the job work on it for 700 ms. */
    @SafeVarargs
    private static void produce(String bootstrap, List<GeneratedRecord>... slices) throws Exception {
        for (List<GeneratedRecord> slice : slices) {
            GeneratedInput.produce(bootstrap, "transactions", slice);
            Thread.sleep(700);
        }
    }
}

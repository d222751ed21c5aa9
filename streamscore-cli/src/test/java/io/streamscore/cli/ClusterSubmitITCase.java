package io.streamscore.cli;

import static io.streamscore.cli.MetricsEndpointITCase.any;
import static io.streamscore.cli.MetricsEndpointITCase.source;
import static io.streamscore.cli.MetricsEndpointITCase.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.cli.cluster.FlinkRestClient;
import io.streamscore.cli.dashboard.MetricSample;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.testing.CommandRun;
import io.streamscore.cli.testing.FlinkTestCluster;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.ListeningSockets;
import io.streamscore.cli.testing.TestModels;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.XGBoostJsonModel;
import io.streamscore.serving.InferenceServer;
import io.streamscore.serving.ServerConfig;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fraud example submitted with {@code streamscore submit} to a real 2-process Flink cluster (a JobManager and a
 * TaskManager started by deploy/flink-cluster.sh), reading and writing the embedded Kafka broker and scoring through
 * {@code streamscore serve} over gRPC ({@code model.remote.url: grpc://...}, so the job jar's shaded gRPC runs in the
 * TaskManager's own class loader): every valid payment is scored once, by the server, with its features; late and
 * malformed ones land in their topics, alerts are written. The cluster's processes serve Streamscore's metrics and
 * listen on loopback only. The uploaded jar is gone from the JobManager once the job runs; `stop` cancels the job,
 * and a second `stop` says it has ended.
 */
class ClusterSubmitITCase extends ClusterTestBase {
    private static final int TRANSACTIONS = 4_000;

    @Test
    void fraudPipelineSubmittedToStandaloneClusterScoresEveryPaymentOnce(@TempDir Path dir) throws Exception {
        ModelRegistry registry = TestModels.registry(Files.createDirectories(dir.resolve("models")));
        Scorer inProcess = XGBoostJsonModel.load(new ByteArrayInputStream(registry.modelBytes(TestModels.NAME, 1)))
                .scorer();
        try (InferenceServer server = InferenceServer.start(ServerConfig.local(0).withGrpcPort(0), registry,
                List.of())) {
            Path specFile = withRemoteModel(fraudSpec(dir, 5), registry, server.grpcTarget());
            PipelineSpec spec = load(specFile);
            OutputsSpec outputs = spec.outputs();
            GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
            try (EmbeddedKafkaBroker broker = startBroker(dir.resolve("kafka"), spec);
                 FlinkTestCluster cluster = FlinkTestCluster.start(dir.resolve("flink"), 1)) {
                String jobId = submit(cluster, specFile, broker.bootstrapServers(), null);
                assertThat(jobId).matches("[0-9a-f]{32}");
                input.produce(broker.bootstrapServers(), "transactions");
                try (TopicReader reader = readOutputs(broker.bootstrapServers(), outputs)) {
                    awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
                    assertThat(reader.records(outputs.scoresTopic()))
                            .as("scores (TaskManager log tail:\n%s)", cluster.logTail("taskmanager-1.log", 40))
                            .hasSize(input.expectedScoredIds().size());
                    assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                    RemoteScoringITCase.assertScoredByTheServerAsInProcess(reader.records(outputs.scoresTopic()),
                            inProcess);
                    ConsumerRecord<byte[], byte[]> first = reader.records(outputs.scoresTopic()).get(0);
                    assertThat(json(first).get("features").has("user_spend_5m")).isTrue();
                }
                assertThat(uploadedJars(cluster)).as("jars left on the JobManager after submit").isEmpty();
                assertMetricsServedOnLoopback(cluster, input);

                CommandRun cancel = CommandRun.streamscore("stop", jobId, "--jobmanager", cluster.jobManager());
                FlinkTestCluster.await(() -> "CANCELED".equals(status(cluster, jobId)), Duration.ofSeconds(30));
                CommandRun again = CommandRun.streamscore("stop", jobId, "--jobmanager", cluster.jobManager());

                assertThat(cancel.out()).isEqualTo("cancelled " + jobId + System.lineSeparator());
                assertThat(again.exit()).isEqualTo(1);
                assertThat(again.err()).startsWith("error: job " + jobId + " has already ended (CANCELED); nothing "
                        + "to stop: resume it with `streamscore submit SPEC --from-savepoint PATH`");
            }
        }
    }

    /**
     * Each process of the cluster serves Streamscore's metrics (the reporter deploy/flink-cluster.sh puts in their
     * lib/): the TaskManager the pipeline's counters and its latency as a Prometheus histogram (so the job's bucket
     * histograms are the reporter's class: shared parent-first, not a second copy from the job jar), the JobManager
     * the checkpoint counts. And every socket those processes listen on is bound to 127.0.0.1.
     */
    private static void assertMetricsServedOnLoopback(FlinkTestCluster cluster, GeneratedInput input) throws Exception {
        List<String> urls = cluster.metricsUrls();
        assertThat(urls).as("METRICS= of start: the JobManager's and the TaskManager's endpoints").hasSize(2)
                .allSatisfy(url -> assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/metrics"));
        MetricsScraper jobManager = new MetricsScraper(urls.get(0));
        MetricsScraper taskManager = new MetricsScraper(urls.get(1));
        int scored = input.expectedScoredIds().size();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<MetricSample> samples = taskManager.scrape();
            assertThat(value(samples, "streamscore_records_in_total", source("transactions")))
                    .isEqualTo(input.records().size());
            assertThat(value(samples, "streamscore_scored_total", any())).isEqualTo(scored);
            assertThat(value(samples, "streamscore_end_to_end_latency_ms_bucket",
                    s -> s.label("since").equals("ingest_time") && s.label("le").equals("+Inf"))).isEqualTo(scored);
            assertThat(value(jobManager.scrape(), "streamscore_checkpoints_completed", any())).isPositive();
        });
        List<Long> processes = new ArrayList<>(cluster.liveTaskManagers());
        processes.add(cluster.jobManagerPid());
        for (long pid : processes) {
            Collection<String> sockets = ListeningSockets.ofProcess(pid).values();
            assertThat(sockets).as("listening sockets of cluster process %d", pid)
                    .isNotEmpty().allSatisfy(address -> assertThat(address).startsWith("127.0.0.1:"));
            if (pid == cluster.jobManagerPid()) {
                assertThat(sockets).as("the JobManager's")
                        .contains(cluster.jobManager(), URI.create(urls.get(0)).getAuthority());
            }
        }
    }

    /** The jars uploaded to the JobManager's REST API and still there (null if the answer had no list). */
    private static JsonNode uploadedJars(FlinkTestCluster cluster) throws Exception {
        return restGet(cluster, "jars").get("files");
    }

    private static String status(FlinkTestCluster cluster, String jobId) {
        try {
            return new FlinkRestClient(cluster.jobManager()).jobStatus(jobId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode restGet(FlinkTestCluster cluster, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + cluster.jobManager() + "/" + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    /** Appends a {@code model} section that scores through {@code url} (its row included in each score). */
    private static Path withRemoteModel(Path specFile, ModelRegistry registry, String url) throws Exception {
        Files.writeString(specFile, Files.readString(specFile) + """

                model:
                  registry: %s
                  name: %s
                  threshold: 0.5
                  include_features: true
                  remote: {url: "%s", timeout: 5s}
                """.formatted(registry.root().toAbsolutePath(), TestModels.NAME, url));
        return specFile;
    }
}

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.cli.cluster.FlinkRestClient;
import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.testing.CommandRun;
import io.streamscore.cli.testing.FlinkTestCluster;
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
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fraud example submitted with {@code streamscore submit} to a real 2-process Flink cluster (a JobManager and a
 * TaskManager started by deploy/flink-cluster.sh), reading and writing the embedded Kafka broker and scoring through
 * {@code streamscore serve} over gRPC ({@code model.remote.url: grpc://...}, so the job jar's shaded gRPC runs in the
 * TaskManager's own class loader): every valid payment is scored once, by the server, with its features; late and
 * malformed ones land in their topics, alerts are written. The uploaded jar is gone from the JobManager once the job
 * runs; `stop` cancels the job, and a second `stop` says it has ended.
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

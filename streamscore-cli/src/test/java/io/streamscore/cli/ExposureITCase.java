package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.dashboard.LiveDashboard;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.serving.FeatureLookup;
import io.streamscore.cli.serving.FeatureServer;
import io.streamscore.cli.testing.ListeningSockets;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.serving.InferenceServer;
import io.streamscore.serving.ServerConfig;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SecretValue;
import io.streamscore.spec.SpecLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Nothing Streamscore opens is reachable from the network unless configured: with a local run (embedded Kafka
 * broker and controller, Flink MiniCluster REST, RPC and blob server, the Prometheus endpoint, the feature-serving
 * API), its dashboard and {@code serve} (REST and gRPC) with their defaults up, every listening socket this JVM opened
 * is bound to 127.0.0.1, as the kernel reports it ({@code /proc/net/tcp*}); a host configured explicitly is bound as
 * given. And a spec holding a secret prints it masked.
 */
class ExposureITCase extends PipelineTestBase {

    @Test
    void everyListeningSocketOfALocalRunWithDashboardServingApiAndServeIsLoopbackOnly(@TempDir Path dir)
            throws Exception {
        Set<String> before = ListeningSockets.ofThisProcess().keySet();
        ServeCommand serve = parseServe("serve", "--registry", dir.toString(), "--grpc-port", "0");
        assertThat(serve.host).as("serve's default --host").isEqualTo("127.0.0.1");
        PipelineSpec spec = specWithServingApi("");
        assertThat(spec.stores().serving().host()).as("stores.serving.host's default").isEqualTo("127.0.0.1");
        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults());
             InferenceServer server = startServe(serve, dir)) {
            runtime.startJob(List.of());
            try (LiveDashboard dashboard = LiveDashboard.start(runtime, 0)) { // as `run --dashboard-port 0` does
                Map<String, String> opened = ListeningSockets.ofThisProcess();
                opened.keySet().removeAll(before);
                assertThat(opened).as("sockets opened: broker, controller, Flink REST/RPC/blob, metrics, "
                                + "feature-serving API, dashboard, serve (REST and gRPC)")
                        .hasSizeGreaterThanOrEqualTo(8)
                        .allSatisfy((inode, address) -> assertThat(address).as("socket %s", inode)
                                .startsWith("127.0.0.1:"));
                assertThat(opened.values()).as("metrics, Flink REST, feature-serving API, dashboard, serve, its gRPC")
                        .contains(
                        "127.0.0.1:" + runtime.metricsPort(),
                        "127.0.0.1:" + URI.create(runtime.flinkRestUrl()).getPort(),
                        "127.0.0.1:" + URI.create(runtime.servingUrl()).getPort(),
                        "127.0.0.1:" + URI.create(dashboard.url()).getPort(),
                        "127.0.0.1:" + server.port(),
                        "127.0.0.1:" + server.grpcPort());
            }
        }
    }

    /** "Unless configured otherwise": {@code serve --host} and {@code stores.serving.host} bind what they name. */
    @Test
    void anExplicitlyConfiguredHostIsHonoured(@TempDir Path dir) throws Exception {
        ServeCommand serve = parseServe("serve", "--registry", dir.toString(), "--host", "0.0.0.0", "--port", "0",
                "--grpc-port", "0");
        PipelineSpec spec = specWithServingApi("host: 0.0.0.0, token: '${SERVING_TOKEN}', ");
        // No request is sent, so the feature store's (unreachable) Redis address is never dialled.
        try (InferenceServer server = startServe(serve, dir);
             FeatureServer features = FeatureServer.start(spec.stores().serving(),
                     FeatureLookup.connect(spec.stores().redis(), 1))) {
            // The JDK binds 0.0.0.0 as the dual-stack IPv6 wildcard: either form means every interface.
            assertThat(ListeningSockets.ofThisProcess().values())
                    .as("serve --host 0.0.0.0, stores.serving.host: 0.0.0.0")
                    .containsAnyOf("0.0.0.0:" + server.port(), "[::]:" + server.port())
                    .containsAnyOf("0.0.0.0:" + server.grpcPort(), "[::]:" + server.grpcPort())
                    .containsAnyOf("0.0.0.0:" + features.port(), "[::]:" + features.port());
        }
    }

    private static ServeCommand parseServe(String... args) {
        CommandLine command = StreamscoreCommand.commandLine();
        command.parseArgs(args);
        return command.getSubcommands().get("serve").getCommand();
    }

    /** {@code serve} as the command configures it, on a free port. */
    private static InferenceServer startServe(ServeCommand serve, Path dir) throws IOException {
        return InferenceServer.start(new ServerConfig(serve.host, 0, serve.threads, serve.maxBatch, serve.maxWait,
                serve.grpcPort, null), ModelRegistry.open(dir.resolve("registry")), List.of());
    }

    /** The test pipeline plus one feature kept in an embedded Redis and served over HTTP on a free port. */
    private static PipelineSpec specWithServingApi(String servingKeys) {
        String yaml = """
                name: exposure
                kafka: {bootstrap: embedded}
                sources:
                  transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
                features:
                  - {name: user_tx_1h, aggregation: count, window: 1h}
                outputs: {scores_topic: scores, alerts_topic: alerts, late_topic: late, dead_letter_topic: dead}
                runtime: {parallelism: 1, state_backend: hashmap}
                stores:
                  redis: {address: %s}
                  serving: {%sport: 0}
                """.formatted(servingKeys.isEmpty() ? "embedded" : "127.0.0.1:1", servingKeys);
        return SpecLoader.parse(yaml, Path.of("."), Map.of("SERVING_TOKEN", "t0ken-for-tests"));
    }

    @Test
    void specWithASecretPrintsItMasked() {
        String secret = "s3cr3t-Pa55word";
        PipelineSpec spec = SpecLoader.parse("""
                name: secrets
                kafka:
                  bootstrap: broker-1:9093
                  properties:
                    security.protocol: SASL_SSL
                    sasl.jaas.config: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="${KAFKA_PASSWORD}";'
                sources:
                  transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
                outputs: {scores_topic: s, alerts_topic: a, late_topic: l, dead_letter_topic: d}
                """, Path.of("."), Map.of("KAFKA_PASSWORD", secret));
        assertThat(spec.kafka().properties().get("sasl.jaas.config")).as("the client gets the secret").contains(secret);
        assertThat(spec.toString()).doesNotContain(secret).contains(SecretValue.MASK);
        assertThat(spec.kafka().toString()).doesNotContain(secret);
    }
}

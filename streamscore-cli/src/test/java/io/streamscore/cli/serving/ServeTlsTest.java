package io.streamscore.cli.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.TestCertificates;
import io.streamscore.cli.testing.TestModels;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.XGBoostJsonModel;
import io.streamscore.serving.InferenceServer;
import io.streamscore.serving.ServerConfig;
import io.streamscore.serving.ServerTls;
import io.streamscore.serving.client.InferenceTransport;
import io.streamscore.serving.client.RemoteCallException;
import io.streamscore.serving.client.RemoteModelCheck;
import io.streamscore.serving.client.RemoteScoringConfig;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecValidationException;
import io.streamscore.spec.SpecLoader;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code streamscore serve --tls-cert --tls-key} with the checked-in TEST-ONLY certificate (for 127.0.0.1), and the
 * remote scorer's clients over {@code https://} and {@code grpcs://} trusting its CA through {@code tls_ca_file}: they
 * score; a client that trusts another CA, or speaks plaintext, does not.
 */
class ServeTlsTest {
    private static final double[][] ROWS = {{250, Double.NaN}, {12.5, 3}};
    @TempDir
    static Path dir;
    private static InferenceServer server;
    private static Scorer inProcess;
    private static ModelManifest manifest;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates.copyTo(dir);
        ModelRegistry registry = TestModels.registry(Files.createDirectories(dir.resolve("models")));
        inProcess = XGBoostJsonModel.load(new ByteArrayInputStream(registry.modelBytes(TestModels.NAME, 1))).scorer();
        manifest = registry.manifest(TestModels.NAME, 1);
        server = InferenceServer.start(ServerConfig.local(0).withGrpcPort(0).withTls(new ServerTls(
                dir.resolve(TestCertificates.SERVER_CERTIFICATE), dir.resolve(TestCertificates.SERVER_KEY))),
                registry, List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url(String transport) {
        return "gRPC".equals(transport) ? server.grpcTarget() : server.url();
    }

    private static RemoteScoringConfig trusting(String transport, String ca) throws Exception {
        return RemoteScoringConfig.defaults(url(transport), TestModels.NAME)
                .withTlsCa(Files.readString(dir.resolve(ca)));
    }

    private static double[] score(RemoteScoringConfig config) throws Exception {
        try (InferenceTransport transport = InferenceTransport.open(config)) {
            return transport.infer(ROWS, ROWS.length, 2).get(10, TimeUnit.SECONDS).scores();
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void aClientTrustingTheServersCaScoresAndPassesThePreflight(String transport) throws Exception {
        assertThat(url(transport)).startsWith("gRPC".equals(transport) ? "grpcs://" : "https://");
        RemoteScoringConfig config = trusting(transport, TestCertificates.CA);

        double[] scores = score(config);

        for (int r = 0; r < ROWS.length; r++) {
            assertThat(scores[r]).isEqualTo(inProcess.score(ROWS[r]));
        }
        assertThat(RemoteModelCheck.check(config, manifest, Duration.ofSeconds(5))).isEmpty();
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void aClientTrustingAnotherCaIsRefusedAndThePreflightNamesTheUrl(String transport) throws Exception {
        RemoteScoringConfig config = trusting(transport, TestCertificates.OTHER_CA);

        try {
            score(config);
            throw new AssertionError("scored through a server whose CA it does not trust");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RemoteCallException.class);
        }
        assertThat(RemoteModelCheck.check(config, manifest, Duration.ofSeconds(5))).get()
                .satisfies(problem -> assertThat(problem.field()).isEqualTo("model.remote.url"));
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"http://", "grpc://"})
    void aPlaintextClientIsNotAnswered(String scheme) {
        String url = scheme + url(scheme.startsWith("grpc") ? "gRPC" : "REST").replaceFirst("^[a-z]+://", "");

        assertThat(RemoteModelCheck.check(RemoteScoringConfig.defaults(url, TestModels.NAME), manifest,
                Duration.ofSeconds(5))).get().satisfies(problem -> assertThat(problem.field())
                .isEqualTo("model.remote.url"));
    }

    @Test
    void theSpecReadsTheCaFileForTlsUrlsOnly() {
        String remote = "remote: {url: \"%s\", tls_ca_file: " + dir.resolve(TestCertificates.CA) + "}";
        PipelineSpec spec = SpecLoader.parse(spec(remote.formatted("grpcs://127.0.0.1:8443")), dir);
        assertThat(spec.model().orElseThrow().remoteScoring().orElseThrow().tlsCaPem())
                .startsWith("-----BEGIN CERTIFICATE-----");

        try {
            SpecLoader.parse(spec(remote.formatted("grpc://127.0.0.1:8081")), dir);
            throw new AssertionError("a CA file with a plaintext URL was accepted");
        } catch (SpecValidationException e) {
            assertThat(e.getMessage()).contains("model.remote.tls_ca_file", "a CA file only matters with TLS");
        }
    }

    private static String spec(String remote) {
        return """
                name: tls
                kafka: {bootstrap: embedded}
                sources:
                  transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
                outputs: {scores_topic: scores, alerts_topic: alerts, late_topic: late, dead_letter_topic: dead}
                model:
                  registry: %s
                  name: fraud
                  threshold: 0.5
                  %s
                """.formatted(dir.resolve("models/registry"), remote);
    }
}

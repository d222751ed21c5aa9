package io.streamscore.cli.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.cli.StreamscoreCommand;
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
import io.streamscore.serving.client.PemTrust;
import io.streamscore.serving.client.RemoteModelCheck;
import io.streamscore.serving.client.RemoteScoringConfig;
import io.streamscore.serving.client.TlsIdentity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Mutual TLS: {@code streamscore serve --tls-client-ca} requires every client, REST and gRPC, to present a
 * certificate its CA signed, as Triton's {@code --grpc-use-ssl-mutual} does. The remote scorer's clients with
 * {@code tls_cert_file} and {@code tls_key_file} score and pass the preflight; without a certificate, or with one
 * another CA signed, they are refused, and the preflight names {@code model.remote.tls_cert_file}.
 */
class ServeMutualTlsTest {
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
                dir.resolve(TestCertificates.SERVER_CERTIFICATE), dir.resolve(TestCertificates.SERVER_KEY),
                dir.resolve(TestCertificates.CA))), registry, List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Trusting the server's CA; presenting the client certificate {@code certificate} (null: none). */
    private static RemoteScoringConfig client(String transport, String certificate, String key) throws Exception {
        RemoteScoringConfig config = RemoteScoringConfig.defaults(
                "gRPC".equals(transport) ? server.grpcTarget() : server.url(), TestModels.NAME)
                .withTlsCa(Files.readString(dir.resolve(TestCertificates.CA)));
        return certificate == null ? config
                : config.withTlsIdentity(TlsIdentity.read(dir.resolve(certificate), dir.resolve(key)));
    }

    private static double[] score(RemoteScoringConfig config) throws Exception {
        try (InferenceTransport transport = InferenceTransport.open(config)) {
            return transport.infer(ROWS, ROWS.length, 2).get(10, TimeUnit.SECONDS).scores();
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void aClientWithACertificateTheServersCaSignedScores(String transport) throws Exception {
        RemoteScoringConfig config = client(transport, TestCertificates.CLIENT_CERTIFICATE,
                TestCertificates.CLIENT_KEY);

        double[] scores = score(config);

        for (int r = 0; r < ROWS.length; r++) {
            assertThat(scores[r]).isEqualTo(inProcess.score(ROWS[r]));
        }
        assertThat(RemoteModelCheck.check(config, manifest, Duration.ofSeconds(5))).isEmpty();
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void aClientWithoutACertificateIsRefusedAndThePreflightNamesTheField(String transport) throws Exception {
        RemoteScoringConfig config = client(transport, null, null);

        assertRefused(config);
        assertThat(RemoteModelCheck.check(config, manifest, Duration.ofSeconds(5))).get().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("model.remote.tls_cert_file");
            assertThat(problem.reason()).contains("requires a client certificate");
        });
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void aCertificateAnotherCaSignedIsRefused(String transport) throws Exception {
        RemoteScoringConfig config = client(transport, TestCertificates.OTHER_CLIENT_CERTIFICATE,
                TestCertificates.OTHER_CLIENT_KEY);

        assertRefused(config);
        assertThat(RemoteModelCheck.check(config, manifest, Duration.ofSeconds(5))).get().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("model.remote.tls_cert_file");
            assertThat(problem.reason()).contains("refused the client certificate",
                    TestCertificates.OTHER_CLIENT_CERTIFICATE);
        });
    }

    /** What serve's docs promise: its Prometheus endpoint is on the REST port, behind the same (mutual) TLS. */
    @Test
    void theMetricsEndpointAnswersOnlyAClientWithACertificateTheServersCaSigned() throws Exception {
        String ca = Files.readString(dir.resolve(TestCertificates.CA));
        HttpRequest scrape = HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build();
        HttpClient withCertificate = HttpClient.newBuilder().sslContext(PemTrust.sslContext(ca, TlsIdentity.read(
                dir.resolve(TestCertificates.CLIENT_CERTIFICATE), dir.resolve(TestCertificates.CLIENT_KEY)))).build();
        HttpClient without = HttpClient.newBuilder().sslContext(PemTrust.sslContext(ca, null)).build();

        HttpResponse<String> scraped = withCertificate.send(scrape, HttpResponse.BodyHandlers.ofString());

        assertThat(server.url()).startsWith("https://");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("streamscore_serve_models_loaded{model=\"" + TestModels.NAME + "\"");
        assertThatThrownBy(() -> without.send(scrape, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void theClientCaFlagNeedsTlsAndIsAUsageErrorWithoutIt() {
        int exit = StreamscoreCommand.commandLine().execute("serve", "--registry", dir.resolve("models").toString(),
                "--tls-client-ca", dir.resolve(TestCertificates.CA).toString());

        assertThat(exit).isEqualTo(2);
    }

    private static void assertRefused(RemoteScoringConfig config) throws Exception {
        try {
            score(config);
            throw new AssertionError("scored without a client certificate the server's CA signed");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isNotNull();
        }
    }
}

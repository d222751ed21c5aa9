package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.LoggedFailures;
import io.streamscore.cli.testing.StoreChecks;
import io.streamscore.cli.testing.TlsPostgresServer;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.store.PostgresResultWriter;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.PostgresStoreSpec;
import io.streamscore.spec.SecretValue;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The results database over TLS, against a real PostgreSQL that accepts only TLS ({@link TlsPostgresServer}): the
 * pipeline writes its scores with {@code sslmode=verify-full} and the test CA in {@code stores.postgres.url}; a CA
 * that did not sign the server's certificate, a host the certificate does not name, a plain connection and a wrong
 * password are refused with a message naming the {@code stores.postgres} field to fix: in the pipeline, where the
 * failing sink's message is what {@code streamscore run} logs, and through {@link PostgresResultWriter#connect}, the
 * call the results sink makes when its writer opens.
 */
class PostgresTlsITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 1_500;
    private static final String USER = "streamscore_tls";
    private static final String PASSWORD = "test-only-password";

    private static TlsPostgresServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TlsPostgresServer.start(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String verifyFull(Path ca) {
        return "sslmode=verify-full&sslrootcert=" + ca;
    }

    /** The base test pipeline with a feature, writing its results to {@code url}, as a user's spec would. */
    private static PipelineSpec specWritingTo(String url) {
        return SpecLoader.parse(specYaml("json") + """
                features:
                  - {name: user_tx_1h, aggregation: count, window: 1h}
                stores:
                  postgres:
                    url: %s
                    user: %s
                    password: ${PG_PASSWORD}
                    batch_size: 100
                """.formatted(url, USER), Path.of("."), Map.of("PG_PASSWORD", PASSWORD));
    }

    @Test
    void pipelineWritesEveryScoreThroughVerifiedTls() throws Exception {
        PipelineSpec spec = specWritingTo(server.url(verifyFull(server.caFile())));
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults());
             Connection sql = server.connect()) {
            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            produceInSlices(runtime.bootstrapServers(), input.records(), 4, Duration.ofMillis(200));
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(90));
                StoreChecks.assertOneRowPerScoredEvent(sql, spec.stores().postgres().scoresTable(),
                        input.expectedScoredIds(), reader.records(outputs.scoresTopic()));
            }
            assertThat(sinkConnectionsOverTls(sql)).as("the sink's connections, all encrypted").isPositive();
        }
    }

    @Test
    void pipelineWithTheWrongCaLogsTheFieldToFix() throws Exception {
        PipelineSpec spec = specWritingTo(server.url(verifyFull(server.otherCaFile())));

        try (LoggedFailures logged = LoggedFailures.capture();
             LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            runtime.startJob(List.of());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logged.failures())
                    .anySatisfy(failure -> assertThat(failure)
                            .contains("cannot open the results database")
                            .contains("the server's TLS certificate is not trusted")
                            .contains("`sslrootcert` in `stores.postgres.url`")));
        }
    }

    @Test
    void caThatDidNotSignTheServerNamesTheUrlAndItsRootCert() {
        String url = server.url(verifyFull(server.otherCaFile()));

        assertThatThrownBy(() -> connect(url, PASSWORD))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("the server's TLS certificate is not trusted")
                .hasMessageContaining("`sslrootcert` in `stores.postgres.url` (" + server.otherCaFile()
                        + ") does not hold the CA that signed it");
    }

    @Test
    void hostTheCertificateDoesNotNameIsRefused() {
        String url = server.urlNotInCertificate(verifyFull(server.caFile()));

        assertThatThrownBy(() -> connect(url, PASSWORD))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("not issued for this host").hasMessageContaining("127.0.0.2")
                .hasMessageContaining("`stores.postgres.url`");
    }

    @Test
    void plainConnectionIsRefusedAndToldToUseTls() {
        String url = server.url("sslmode=disable");

        assertThatThrownBy(() -> connect(url, PASSWORD))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("the server refused a connection without TLS")
                .hasMessageContaining("no encryption")
                .hasMessageContaining("set `sslmode=verify-full` and `sslrootcert=<CA file>` in `stores.postgres.url`");
    }

    @Test
    void wrongPasswordOverTlsNamesUserAndPassword() {
        String url = server.url(verifyFull(server.caFile()));

        assertThatThrownBy(() -> connect(url, "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("refused the login as user '" + USER + "'")
                .hasMessageContaining("check `stores.postgres.user` and `stores.postgres.password` "
                        + "(environment variable PG_PASSWORD)");
    }

    private static void connect(String url, String password) throws SQLException {
        PostgresStoreSpec spec = new PostgresStoreSpec(url, USER, new SecretValue("PG_PASSWORD", password),
                "scores_refused", "alerts_refused", 10);
        PostgresResultWriter.connect(spec, "scores", "alerts").close();
    }

    private static long sinkConnectionsOverTls(Connection sql) throws SQLException {
        try (Statement statement = sql.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s"
                     + " USING (pid) WHERE a.application_name = 'streamscore' AND s.ssl")) {
            result.next();
            return result.getLong(1);
        }
    }
}

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.local.Preflight;
import io.streamscore.cli.testing.TestModels;
import io.streamscore.cli.testing.TreeModels;
import io.streamscore.cli.testing.TestServers;
import io.streamscore.cli.testing.TlsRedisServer;
import io.streamscore.flink.store.RedisConnector;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.serving.InferenceServer;
import io.streamscore.serving.ServerConfig;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.RedisStoreSpec;
import io.streamscore.spec.SecretValue;
import io.streamscore.spec.SpecLoader;
import io.streamscore.spec.TlsCaFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The preflight of {@code streamscore run} and {@code submit} against real servers: the embedded broker (as an
 * external cluster, so nothing creates its topics but this test), the Redis and PostgreSQL of {@code .ci/services.sh},
 * and {@code streamscore serve}. Each wrong setting is reported naming the spec field, and {@code run} refuses to
 * start the job.
 */
class PreflightITCase {
    // Long enough for a first gRPC or TLS connection on a loaded machine (2.9 s of 3 s seen once beside CI); the
    // checks that must fail here fail at once (refused, wrong password), not by the timeout.
    private static final Preflight PREFLIGHT = new Preflight(Duration.ofSeconds(10));
    private static final String TOPIC = "preflight-payments";
    private static final String REDIS_USER = "preflight-" + UUID.randomUUID();
    private static final String REDIS_PASSWORD = "right-" + UUID.randomUUID();

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        Map<String, Integer> topics = new HashMap<>();
        for (String topic : List.of(TOPIC, "scores", "alerts", "late-events", "dead-letters", "scores-shadow",
                ModelSpec.defaultControlTopic(TestModels.NAME))) {
            topics.put(topic, 1);
        }
        broker.createTopics(topics);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void runWithABootstrapNobodyAnswersFailsFastNamingKafkaBootstrap() throws IOException {
        String bootstrap = "127.0.0.1:" + freePort();
        Path spec = Files.writeString(dir.resolve("unreachable.yaml"), spec(bootstrap, TOPIC, ""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        long started = System.nanoTime();
        int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("run", spec.toString(), "--preflight-timeout", "2s", "--metrics-port", "0",
                        "--work-dir", dir.resolve("run").toString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("the pipeline was not started")
                .contains("  kafka.bootstrap: no Kafka broker answered at " + bootstrap)
                .contains("--skip-preflight");
        assertThat(out.toString()).doesNotContain("running as Flink job");
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void submitChecksFromHereAndSubmitsNothingWhenKafkaDoesNotAnswer() throws IOException {
        String bootstrap = "127.0.0.1:" + freePort();
        Path spec = Files.writeString(dir.resolve("submit-unreachable.yaml"),
                spec(broker.bootstrapServers(), TOPIC, ""));
        Path jar = Files.writeString(dir.resolve("job.jar"), "not uploaded");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // --bootstrap-servers overrides the spec's (reachable) broker; no JobManager listens at --jobmanager
        int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("submit", spec.toString(), "--jobmanager", "127.0.0.1:" + freePort(), "--bootstrap-servers",
                        bootstrap, "--job-jar", jar.toString(), "--preflight-timeout", "2s");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("nothing was submitted")
                .contains("  kafka.bootstrap: no Kafka broker answered at " + bootstrap)
                .contains("these checks ran from this machine").contains("--skip-preflight")
                .doesNotContainIgnoringCase("jobmanager");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void threeServersThatNeverAnswerCostOneTimeoutNotThree() throws IOException {
        try (ServerSocket kafka = silentServer(); ServerSocket postgres = silentServer();
             ServerSocket redis = silentServer()) {
            String stores = "stores:\n  postgres:\n    url: jdbc:postgresql://127.0.0.1:" + postgres.getLocalPort()
                    + "/results\n    user: streamscore\n  redis:\n    address: 127.0.0.1:" + redis.getLocalPort()
                    + "\n";
            PipelineSpec spec = parse(spec("127.0.0.1:" + kafka.getLocalPort(), TOPIC, stores));

            long started = System.nanoTime();
            List<Preflight.Failure> failures = new Preflight(Duration.ofSeconds(2)).check(spec);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(failures).extracting(Preflight.Failure::field)
                    .containsExactly("kafka.bootstrap", "stores.postgres", "stores.redis");
            // one after another they took 6.2 s (3 x 2 s); at once 2.0 s
            assertThat(took).isLessThan(Duration.ofMillis(5_000));
        }
    }

    /** A loopback server whose connections the kernel accepts and nobody ever answers. */
    private static ServerSocket silentServer() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void aMissingOutputTopicIsNamedInsteadOfAJobThatRestartsForever() {
        String spec = spec(broker.bootstrapServers(), TOPIC, "").replace("alerts_topic: alerts",
                "alerts_topic: no-such-alerts");

        List<Preflight.Failure> failures = PREFLIGHT.check(parse(spec));

        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.field()).isEqualTo("outputs.alerts_topic");
            assertThat(failure.reason()).startsWith("`outputs.alerts_topic` is topic 'no-such-alerts', which does not "
                    + "exist on " + broker.bootstrapServers()).contains("--create --topic no-such-alerts");
        });
    }

    @Test
    void anOutputTopicWhoseBrokerLimitIsTooSmallForADeadLetterIsNamedWithTheFix() throws Exception {
        broker.createTopics(List.of(topicWithLimit("tiny-dead-letters", 100_000),
                topicWithLimit("small-late-events", 300_000)));
        String spec = spec(broker.bootstrapServers(), TOPIC, "")
                .replace("dead_letter_topic: dead-letters", "dead_letter_topic: tiny-dead-letters")
                .replace("late_topic: late-events", "late_topic: small-late-events");

        List<Preflight.Failure> failures = PREFLIGHT.check(parse(spec));

        // 300 KB is below the producer's 1 MiB, but the job dead-letters what is between the two: no failure
        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.field()).isEqualTo("outputs.dead_letter_topic");
            assertThat(failure.reason()).contains("topic 'tiny-dead-letters' has max.message.bytes 100000",
                    "kafka-configs.sh", "--entity-name tiny-dead-letters --add-config max.message.bytes=");
        });
    }

    private static NewTopic topicWithLimit(String name, int maxMessageBytes) {
        return new NewTopic(name, 1, (short) 1).configs(Map.of("max.message.bytes", Integer.toString(maxMessageBytes)));
    }

    @Test
    void aMissingSourceTopicIsNamedWithHowToCreateIt() {
        List<Preflight.Failure> failures = PREFLIGHT.check(parse(spec(broker.bootstrapServers(), "no-such-topic", "")));

        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.field()).isEqualTo("sources.payments.topic");
            assertThat(failure.reason()).contains("'no-such-topic'").contains("does not exist")
                    .contains("--create --topic no-such-topic").contains("`sources.payments.topic`");
        });
    }

    @Test
    void aWrongRedisPasswordNamesTheField() {
        String redis = TestServers.redis();
        try (Jedis admin = RedisConnector.connect(redis, null)) {
            admin.aclSetUser(REDIS_USER, "on", ">" + REDIS_PASSWORD, "~*", "+@all");
            List<Preflight.Failure> wrong = PREFLIGHT.check(parse(spec(broker.bootstrapServers(), TOPIC,
                    redisStore(redis, "${REDIS_PASSWORD}")), Map.of("REDIS_PASSWORD", "wrong")));
            List<Preflight.Failure> right = PREFLIGHT.check(parse(spec(broker.bootstrapServers(), TOPIC,
                    redisStore(redis, "${REDIS_PASSWORD}")), Map.of("REDIS_PASSWORD", REDIS_PASSWORD)));

            assertThat(wrong).singleElement().satisfies(failure -> {
                assertThat(failure.field()).isEqualTo("stores.redis");
                assertThat(failure.reason()).containsOnlyOnce("refused the login as user '" + REDIS_USER + "'")
                        .contains("`stores.redis.password`").doesNotContain("wrong");
            });
            assertThat(right).isEmpty();
        } finally {
            try (Jedis admin = RedisConnector.connect(redis, null)) {
                admin.aclDelUser(REDIS_USER);
            }
        }
    }

    @Test
    void aRedisPortNobodyAnswersNamesTheAddress() throws IOException {
        String address = "127.0.0.1:" + freePort();
        List<Preflight.Failure> failures = PREFLIGHT.check(parse(spec(broker.bootstrapServers(), TOPIC,
                "stores:\n  redis:\n    address: " + address + "\n")));

        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.field()).isEqualTo("stores.redis");
            assertThat(failure.reason()).contains("Redis at " + address).contains("`stores.redis.address`");
        });
    }

    @Test
    void aTlsRedisWhoseCaIsNotGivenNamesTlsCaFileAndPassesWithIt() throws Exception {
        try (TlsRedisServer server = TlsRedisServer.start("streamscore", "tls-password")) {
            Optional<Preflight.Failure> untrusted = PREFLIGHT.redis(tlsRedis(server, null));
            Optional<Preflight.Failure> trusted = PREFLIGHT.redis(tlsRedis(server, TlsCaFile.read(server.caFile())));

            assertThat(untrusted).hasValueSatisfying(failure -> {
                assertThat(failure.field()).isEqualTo("stores.redis");
                assertThat(failure.reason()).contains("not trusted").contains("`stores.redis.tls_ca_file`");
            });
            assertThat(trusted).isEmpty();
        }
    }

    private static RedisStoreSpec tlsRedis(TlsRedisServer server, TlsCaFile ca) {
        return new RedisStoreSpec(server.address(), "streamscore", new SecretValue("REDIS_PASSWORD", "tls-password"),
                true, ca, null, "preflight:", Duration.ofMinutes(5), "payments", "user_id", List.of("spend_5m"), 10);
    }

    @Test
    void aWrongPostgresPasswordNamesTheField() {
        TestServers.Postgres postgres = TestServers.postgres();
        List<Preflight.Failure> failures = PREFLIGHT.check(parse(spec(broker.bootstrapServers(), TOPIC,
                postgresStore(postgres)), Map.of("PG_PASSWORD", "not-" + postgres.password())));

        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.field()).isEqualTo("stores.postgres");
            assertThat(failure.reason()).contains("refused the login as user '" + postgres.user() + "'")
                    .contains("`stores.postgres.password`");
        });
    }

    /** Another application's table of the configured name, which the sink would refuse at every start. */
    @Test
    void anotherApplicationsResultsTableIsNamedBeforeTheJobStarts() throws SQLException {
        TestServers.Postgres postgres = TestServers.postgres();
        String table = "preflight_alerts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection sql = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
             Statement statement = sql.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id serial PRIMARY KEY, message text)");
            try {
                List<Preflight.Failure> failures = PREFLIGHT.check(parse(spec(broker.bootstrapServers(), TOPIC,
                        postgresStore(postgres) + "    alerts_table: " + table + "\n"),
                        Map.of("PG_PASSWORD", postgres.password())));

                assertThat(failures).singleElement().satisfies(failure -> {
                    assertThat(failure.field()).isEqualTo("stores.postgres");
                    assertThat(failure.reason()).contains("table " + table + " exists and is not a Streamscore "
                            + "results table").contains("stores.postgres.alerts_table");
                });
            } finally {
                statement.execute("DROP TABLE " + table);
            }
        }
    }

    @Test
    void aSpecWhoseServersAllAnswerPasses() {
        TestServers.Postgres postgres = TestServers.postgres();
        String stores = postgresStore(postgres) + "  redis:\n    address: " + TestServers.redis() + "\n";

        List<Preflight.Failure> failures = PREFLIGHT.check(parse(spec(broker.bootstrapServers(), TOPIC, stores),
                Map.of("PG_PASSWORD", postgres.password())));

        assertThat(failures).isEmpty();
    }

    @Test
    void aModelServerWithoutTheModelIsNamedAndOneWithItPasses() throws IOException {
        ModelRegistry registry = TestModels.registry(Files.createDirectories(dir.resolve("remote-models")));
        try (InferenceServer server = InferenceServer.start(ServerConfig.local(0).withGrpcPort(0), registry,
                List.of())) {
            List<Preflight.Failure> served = PREFLIGHT.check(parse(spec(broker.bootstrapServers(), TOPIC,
                    remoteModel(registry, server.grpcTarget(), ""))));
            List<Preflight.Failure> missing = PREFLIGHT.check(parse(spec(broker.bootstrapServers(), TOPIC,
                    remoteModel(registry, server.url(), ", model: fraud-v2"))));

            assertThat(served).isEmpty();
            assertThat(missing).singleElement().satisfies(failure -> {
                assertThat(failure.field()).isEqualTo("model.remote.model");
                assertThat(failure.reason()).startsWith("the server at " + server.url() + " has no model 'fraud-v2'")
                        .contains("HTTP 404");
            });
        }
    }

    @Test
    void aChampionFallbackWithoutAFeatureTheServedVersionSendsIsNamedBeforeTheServerIsAsked() throws IOException {
        Path models = Files.createDirectories(dir.resolve("fallback-models"));
        ModelRegistry registry = TestModels.registry(models); // the champion takes amount and velocity
        int served = TreeModels.register(registry, TestModels.NAME, 0.1, 0.9, true, models); // amount only

        List<Preflight.Failure> failures = PREFLIGHT.check(parse(spec(broker.bootstrapServers(), TOPIC,
                remoteModel(registry, "http://127.0.0.1:1", ", version: " + served + ", fallback: champion"))));

        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.field()).isEqualTo("model.remote.fallback");
            assertThat(failure.reason()).contains("takes feature 'velocity', which the rows sent to the server do "
                    + "not hold", "use `fallback: default`");
        });
    }

    private static String remoteModel(ModelRegistry registry, String url, String more) {
        return "model:\n  registry: " + registry.root() + "\n  name: " + TestModels.NAME + "\n  threshold: 0.5\n"
                + "  remote: {url: \"" + url + "\"" + more + "}\n";
    }

    private static String redisStore(String address, String password) {
        return "stores:\n  redis:\n    address: " + address + "\n    user: " + REDIS_USER + "\n    password: "
                + password + "\n";
    }

    private static String postgresStore(TestServers.Postgres postgres) {
        return "stores:\n  postgres:\n    url: " + postgres.url() + "\n    user: " + postgres.user()
                + "\n    password: ${PG_PASSWORD}\n";
    }

    private static PipelineSpec parse(String yaml) {
        return parse(yaml, Map.of());
    }

    private static PipelineSpec parse(String yaml, Map<String, String> environment) {
        return SpecLoader.parse(yaml, dir, environment);
    }

    private static String spec(String bootstrap, String topic, String stores) {
        return """
                name: preflight
                kafka:
                  bootstrap: %s
                sources:
                  payments:
                    topic: %s
                    schema: transaction
                    key: user_id
                    event_time: event_time
                features:
                  - name: spend_5m
                    aggregation: sum
                    field: amount
                    window: 5m
                outputs:
                  scores_topic: scores
                  alerts_topic: alerts
                  late_topic: late-events
                  dead_letter_topic: dead-letters
                %s""".formatted(bootstrap, topic, stores);
    }

    /** A loopback port nothing listens on (closed again before it is used). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}

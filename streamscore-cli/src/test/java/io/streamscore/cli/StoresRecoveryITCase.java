package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.FailOnceAfterCheckpoint;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TestServers;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.EventStage;
import io.streamscore.flink.store.FeatureStoreLayout;
import io.streamscore.flink.store.RedisConnector;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Redis and PostgreSQL under a forced failure, against real servers: the job throws once after a checkpoint, restarts
 * from it and replays what followed. PostgreSQL must then hold exactly one row per scored event, and Redis, for
 * every user, the feature vector of that user's newest event, with the values the (exactly-once) scores topic has.
 */
class StoresRecoveryITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 4_000;
    private static final String FAILURE = "stores-recovery";

    private static PipelineSpec spec(String keyPrefix, String table) {
        TestServers.Postgres postgres = TestServers.postgres();
        return SpecLoader.parse("""
                name: stores-it
                sources:
                  transactions:
                    topic: transactions
                    schema: transaction
                    key: user_id
                    event_time: event_time
                    max_out_of_orderness: 5s
                    idleness: 5s
                    allowed_lateness: 30s
                features:
                  - {name: user_tx_1h, aggregation: count, window: 1h}
                  - {name: user_spend_10m, aggregation: sum, field: amount, window: 10m}
                outputs:
                  scores_topic: scores
                  alerts_topic: alerts
                  late_topic: late-events
                  dead_letter_topic: dead-letters
                  checkpoint_interval: 500ms
                runtime:
                  parallelism: 2
                  state_backend: hashmap
                stores:
                  redis:
                    address: %s
                    key_prefix: '%s'
                    batch_size: 50
                  postgres:
                    url: %s
                    user: %s
                    password: ${%s}
                    scores_table: %s
                    alerts_table: %s_alerts
                    batch_size: 200
                """.formatted(TestServers.redis(), keyPrefix, postgres.url(), postgres.user(),
                TestServers.PG_PASSWORD, table, table), Path.of("."));
    }

    @Test
    void forcedFailureLeavesOneRowPerEventAndTheNewestVectorPerEntity() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        PipelineSpec spec = spec("it-" + run + ":", "scores_" + run);
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
        EventStage failOnce = events -> events.map(new FailOnceAfterCheckpoint(FAILURE, 800)).name("fail once (test)");

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults());
             Connection sql = connect(); Jedis redis = RedisConnector.connect(TestServers.redis(), null)) {
            runtime.startJob(List.of(failOnce));
            OutputsSpec outputs = runtime.spec().outputs();
            produceInSlices(runtime.bootstrapServers(), input.records(), 8, Duration.ofMillis(400));
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
                assertThat(FailOnceAfterCheckpoint.failed(FAILURE)).as("the injected failure happened").isTrue();

                int expected = input.expectedScoredIds().size();
                String table = spec.stores().postgres().scoresTable();
                await().atMost(Duration.ofSeconds(30)).until(() -> count(sql, "SELECT count(*) FROM " + table) >= expected);
                assertThat(eventIds(sql, table)).as("one row per scored event")
                        .hasSize(expected).containsExactlyInAnyOrderElementsOf(input.expectedScoredIds());

                Map<String, JsonNode> newest = newestScorePerUser(reader.records(outputs.scoresTopic()));
                FeatureStoreLayout layout = FeatureStoreLayout.of(spec.stores().redis());
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(redis.keys(layout.keyPrefix() + "*")).hasSize(newest.size()));
                newest.forEach((user, score) -> assertStoredVector(redis.hgetAll(layout.key(user)), score));
            } finally {
                dropTables(sql, spec);
                redis.del(redis.keys(spec.stores().redis().keyPrefix() + "*").toArray(String[]::new));
            }
        }
    }

    /** Per user, the score of the event Redis must keep: latest event time, then the larger event id. */
    private static Map<String, JsonNode> newestScorePerUser(List<ConsumerRecord<byte[], byte[]>> scores) {
        Map<String, JsonNode> newest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : scores) {
            JsonNode score = json(record);
            newest.merge(score.get("key").asText(), score, (a, b) -> newer(a, b) ? a : b);
        }
        return newest;
    }

    private static boolean newer(JsonNode a, JsonNode b) {
        long timeA = a.get("event_time").asLong();
        long timeB = b.get("event_time").asLong();
        if (timeA != timeB) {
            return timeA > timeB;
        }
        return Arrays.compareUnsigned(a.get("event_id").asText().getBytes(StandardCharsets.UTF_8),
                b.get("event_id").asText().getBytes(StandardCharsets.UTF_8)) >= 0;
    }

    private static void assertStoredVector(Map<String, String> hash, JsonNode score) {
        assertThat(hash.get(FeatureStoreLayout.EVENT_ID)).as("vector of %s", score.get("key"))
                .isEqualTo(score.get("event_id").asText());
        assertThat(hash.get(FeatureStoreLayout.VALID_AT)).isEqualTo(score.get("event_time").asText());
        score.get("features").fields().forEachRemaining(feature -> {
            if (feature.getValue().isNull()) {
                assertThat(hash).doesNotContainKey(feature.getKey());
            } else {
                assertThat(Double.parseDouble(hash.get(feature.getKey()))).as(feature.getKey())
                        .isEqualTo(feature.getValue().asDouble());
            }
        });
    }

    private static Connection connect() throws SQLException {
        TestServers.Postgres postgres = TestServers.postgres();
        return DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
    }

    private static long count(Connection sql, String query) throws SQLException {
        try (Statement statement = sql.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static List<String> eventIds(Connection sql, String table) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = sql.createStatement();
             ResultSet result = statement.executeQuery("SELECT event_id FROM " + table)) {
            while (result.next()) {
                ids.add(result.getString(1));
            }
        }
        return ids;
    }

    private static void dropTables(Connection sql, PipelineSpec spec) throws SQLException {
        String scores = spec.stores().postgres().scoresTable();
        String alerts = spec.stores().postgres().alertsTable();
        try (Statement statement = sql.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + scores + ", " + alerts);
            statement.execute("DELETE FROM streamscore_schema_version WHERE table_name IN ('" + scores + "', '"
                    + alerts + "')");
        }
    }
}

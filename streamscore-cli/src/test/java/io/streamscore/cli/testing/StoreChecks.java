package io.streamscore.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.flink.store.FeatureStoreLayout;
import io.streamscore.flink.store.RedisConnector;
import io.streamscore.spec.StoresSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import redis.clients.jedis.Jedis;

/**
 * What Redis and PostgreSQL must hold after a run, against the exactly-once scores topic: one row per scored event in
 * the results table, and per user the feature vector of that user's newest event in the feature store. Shared by the
 * recovery tests (a forced failure in a MiniCluster, SIGKILLed TaskManagers on a cluster).
 */
public final class StoreChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreChecks() {}

    /** Waits up to 30 s for the results table to hold every expected event, then checks it holds each exactly once. */
    public static void assertOneRowPerScoredEvent(StoresSpec stores, Collection<String> expectedIds) throws SQLException {
        String table = stores.postgres().scoresTable();
        try (Connection sql = connect()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> count(sql, table) >= expectedIds.size());
            assertThat(eventIds(sql, table)).as("one row per scored event in %s", table)
                    .hasSize(expectedIds.size()).containsExactlyInAnyOrderElementsOf(expectedIds);
        }
    }

    /** Per user of the scores, Redis holds the vector of the newest score: its event id, time and features. */
    public static void assertNewestVectorPerUser(StoresSpec stores, List<ConsumerRecord<byte[], byte[]>> scores) {
        Map<String, JsonNode> newest = newestScorePerUser(scores);
        FeatureStoreLayout layout = FeatureStoreLayout.of(stores.redis());
        try (Jedis redis = RedisConnector.connect(TestServers.redis(), null)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(redis.keys(layout.keyPrefix() + "*")).hasSize(newest.size()));
            newest.forEach((user, score) -> assertStoredVector(redis.hgetAll(layout.key(user)), score));
        }
    }

    /** Drops the run's tables and keys, so runs against the same servers do not see each other. */
    public static void clean(StoresSpec stores) throws SQLException {
        String scores = stores.postgres().scoresTable();
        String alerts = stores.postgres().alertsTable();
        try (Connection sql = connect(); Statement statement = sql.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + scores + ", " + alerts);
            statement.execute("DELETE FROM streamscore_schema_version WHERE table_name IN ('" + scores + "', '"
                    + alerts + "')");
        }
        try (Jedis redis = RedisConnector.connect(TestServers.redis(), null)) {
            String[] keys = redis.keys(stores.redis().keyPrefix() + "*").toArray(String[]::new);
            if (keys.length > 0) {
                redis.del(keys);
            }
        }
    }

    /** Per user, the score of the event Redis must keep: latest event time, then the larger event id. */
    private static Map<String, JsonNode> newestScorePerUser(List<ConsumerRecord<byte[], byte[]>> scores) {
        Map<String, JsonNode> newest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : scores) {
            JsonNode score = json(record.value());
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

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection connect() throws SQLException {
        TestServers.Postgres postgres = TestServers.postgres();
        return DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
    }

    private static long count(Connection sql, String table) throws SQLException {
        try (Statement statement = sql.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
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
}

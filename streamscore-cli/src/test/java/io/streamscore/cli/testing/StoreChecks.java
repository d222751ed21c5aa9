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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * What Redis and PostgreSQL must hold after a run, against the exactly-once scores topic: one row per scored event in
 * the results table, and per user the feature vector of that user's newest event in the feature store. Shared by the
 * recovery tests (a forced failure in a MiniCluster, SIGKILLed TaskManagers on a cluster).
 */
public final class StoreChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(StoreChecks.class);

    private StoreChecks() {}

    /**
     * Waits up to 30 s for the results table to hold every expected event, then checks it holds each exactly once,
     * with the values of the committed score of that event: entity, event time, score, decision, model version and
     * features.
     */
    public static void assertOneRowPerScoredEvent(StoresSpec stores, Collection<String> expectedIds,
                                                  List<ConsumerRecord<byte[], byte[]>> scores) throws SQLException {
        try (Connection sql = connect()) {
            assertOneRowPerScoredEvent(sql, stores.postgres().scoresTable(), expectedIds, scores);
        }
    }

    /** The same check through a connection the caller opened (e.g. to a server of its own). */
    public static void assertOneRowPerScoredEvent(Connection sql, String table, Collection<String> expectedIds,
                                                  List<ConsumerRecord<byte[], byte[]>> scores) throws SQLException {
        Map<String, JsonNode> committed = new HashMap<>();
        scores.forEach(record -> {
            JsonNode score = json(record.value());
            committed.put(score.get("event_id").asText(), score);
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> count(sql, table) >= expectedIds.size());
        List<Row> rows = rows(sql, table);
        assertThat(rows).extracting(Row::eventId).as("one row per scored event in %s", table)
                .hasSize(expectedIds.size()).containsExactlyInAnyOrderElementsOf(expectedIds);
        rows.forEach(row -> assertRowEqualsScore(row, committed.get(row.eventId())));
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

    /**
     * Drops the run's tables and keys, so runs against the same servers do not see each other. Called from a
     * {@code finally}: a server that cannot be reached is logged, not thrown, so it does not hide the test's own
     * failure (which, with a server down, says why).
     */
    public static void clean(StoresSpec stores) {
        String scores = stores.postgres().scoresTable();
        String alerts = stores.postgres().alertsTable();
        try (Connection sql = connect(); Statement statement = sql.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + scores + ", " + alerts);
            statement.execute("DELETE FROM streamscore_schema_version WHERE table_name IN ('" + scores + "', '"
                    + alerts + "')");
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not drop the tables {} and {}: {}", scores, alerts, e.toString());
        }
        try (Jedis redis = RedisConnector.connect(TestServers.redis(), null)) {
            String[] keys = redis.keys(stores.redis().keyPrefix() + "*").toArray(String[]::new);
            if (keys.length > 0) {
                redis.del(keys);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not delete the Redis keys {}*: {}", stores.redis().keyPrefix(), e.toString());
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

    /** A row of the results table, as the test compares it with the committed score. */
    private record Row(String eventId, String entity, long eventTime, Double score, Boolean decision,
                       String modelVersion, String features) {}

    private static List<Row> rows(Connection sql, String table) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement statement = sql.createStatement();
             ResultSet result = statement.executeQuery("SELECT event_id, entity, event_time, score, decision, "
                     + "model_version, features::text FROM " + table)) {
            while (result.next()) {
                rows.add(new Row(result.getString(1), result.getString(2),
                        result.getObject(3, OffsetDateTime.class).toInstant().toEpochMilli(),
                        result.getObject(4, Double.class), result.getObject(5, Boolean.class), result.getString(6),
                        result.getString(7)));
            }
        }
        return rows;
    }

    private static void assertRowEqualsScore(Row row, JsonNode score) {
        assertThat(score).as("committed score of the row %s", row.eventId()).isNotNull();
        String what = "row " + row.eventId();
        assertThat(row.entity()).as(what + " entity").isEqualTo(score.get("key").asText());
        assertThat(row.eventTime()).as(what + " event_time").isEqualTo(score.get("event_time").asLong());
        JsonNode value = score.path("score");
        assertThat(row.score()).as(what + " score").isEqualTo(value.isNumber() ? value.asDouble() : null);
        JsonNode decision = score.path("decision");
        assertThat(row.decision()).as(what + " decision").isEqualTo(decision.isBoolean() ? decision.asBoolean() : null);
        JsonNode version = score.path("model_version");
        assertThat(row.modelVersion()).as(what + " model_version")
                .isEqualTo(version.isValueNode() && !version.isNull() ? version.asText() : null);
        JsonNode features = json(row.features().getBytes(StandardCharsets.UTF_8));
        assertThat(features.size()).as(what + " feature count").isEqualTo(score.get("features").size());
        score.get("features").fields().forEachRemaining(feature -> {
            JsonNode stored = features.path(feature.getKey());
            String name = what + " " + feature.getKey();
            if (feature.getValue().isNull()) {
                assertThat(stored.isNull()).as(name + " is null").isTrue();
            } else {
                assertThat(stored.isNumber()).as(name + " is a number").isTrue();
                assertThat(stored.asDouble()).as(name).isEqualTo(feature.getValue().asDouble());
            }
        });
    }
}

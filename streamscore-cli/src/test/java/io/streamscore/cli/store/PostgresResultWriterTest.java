package io.streamscore.cli.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.cli.testing.TestServers;
import io.streamscore.flink.sink.OutputRecord;
import io.streamscore.flink.store.PostgresResultWriter;
import io.streamscore.spec.PostgresStoreSpec;
import io.streamscore.spec.SecretValue;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upserts into a real PostgreSQL: one row per event id however often it is written. */
class PostgresResultWriterTest {
    private PostgresStoreSpec spec;
    private Connection sql;

    @BeforeEach
    void connect() throws SQLException {
        TestServers.Postgres server = TestServers.postgres();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        spec = new PostgresStoreSpec(server.url(), server.user(), new SecretValue("PG", server.password()),
                "scores_" + suffix, "alerts_" + suffix, 3);
        sql = DriverManager.getConnection(server.url(), server.user(), server.password());
    }

    @AfterEach
    void dropTables() throws SQLException {
        if (sql != null) {
            try (Statement statement = sql.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + spec.scoresTable() + ", " + spec.alertsTable());
                statement.execute("DELETE FROM streamscore_schema_version WHERE table_name IN ('"
                        + spec.scoresTable() + "', '" + spec.alertsTable() + "')");
            }
            sql.close();
        }
    }

    private static OutputRecord score(String eventId, double score) {
        return score("transactions", eventId, score);
    }

    private static OutputRecord score(String source, String eventId, double score) {
        return record("scores", "{\"event_id\":\"" + eventId + "\",\"key\":\"u1\",\"source\":\"" + source + "\","
                + "\"event_time\":1700000000000,\"score\":" + score + ",\"decision\":true,\"model\":\"fraud\","
                + "\"model_version\":\"3\",\"features\":{\"spend_5m\":12.5,\"tx_1h\":null}}");
    }

    private static OutputRecord record(String topic, String json) {
        return new OutputRecord(topic, null, json.getBytes(StandardCharsets.UTF_8), 0, null);
    }

    private long count(String query) throws SQLException {
        try (Statement statement = sql.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void tablesAreCreatedAtStartAndTheirVersionRecorded() throws Exception {
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            assertThat(writer.flush()).isZero();
        }
        try (PostgresResultWriter again = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            assertThat(count("SELECT count(*) FROM " + spec.scoresTable())).isZero();
        }
        assertThat(count("SELECT count(*) FROM streamscore_schema_version WHERE table_name = '" + spec.scoresTable()
                + "' AND version = 2")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM streamscore_schema_version WHERE table_name = '" + spec.alertsTable()
                + "' AND version = 3")).isEqualTo(1);
    }

    /**
     * The alerts table as an earlier Streamscore left it at {@code version} (1, or 2 with the score column), with one
     * row, 'old|u0|e0', whose score is {@code score} at version 2.
     */
    private void alertsTableOfAnEarlierVersion(int version, double score) throws SQLException {
        boolean scored = version >= 2;
        try (Statement statement = sql.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS streamscore_schema_version (table_name text PRIMARY KEY, "
                    + "version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            statement.execute("CREATE TABLE " + spec.alertsTable() + " (alert_id text PRIMARY KEY, rule text, "
                    + "entity text, source text, event_id text, event_time timestamptz NOT NULL, features jsonb, "
                    + "record jsonb NOT NULL, written_at timestamptz NOT NULL DEFAULT now()"
                    + (scored ? ", score double precision)" : ")"));
            statement.execute("INSERT INTO " + spec.alertsTable() + " (alert_id, rule, event_time, record"
                    + (scored ? ", score) " : ") ") + "VALUES ('old|u0|e0', 'old', now(), '{}'"
                    + (scored ? ", " + score + ")" : ")"));
            statement.execute("INSERT INTO streamscore_schema_version (table_name, version) VALUES ('"
                    + spec.alertsTable() + "', " + version + ")");
        }
    }

    @Test
    void anAlertsTableOfVersionOneGainsTheScoreColumnAndKeepsItsRows() throws Exception {
        alertsTableOfAnEarlierVersion(1, Double.NaN);
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(record("alerts", "{\"alert_id\":\"risky|u1|e1\",\"rule\":\"risky\",\"key\":\"u1\","
                    + "\"event_id\":\"e1\",\"event_time\":1000,\"score\":0.93}"));
            writer.flush();
        }
        assertThat(count("SELECT count(*) FROM " + spec.alertsTable() + " WHERE alert_id = 'old|u0|e0' "
                + "AND score IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + spec.alertsTable() + " WHERE alert_id = 'risky|u1|e1' "
                + "AND score = 0.93")).isEqualTo(1);
        assertThat(count("SELECT version FROM streamscore_schema_version WHERE table_name = '"
                + spec.alertsTable() + "'")).isEqualTo(3);
    }

    @Test
    void anAlertsTableOfVersionTwoGainsTheModelColumnsAndAlertsNameTheModelThatScored() throws Exception {
        alertsTableOfAnEarlierVersion(2, 0.9);
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(record("alerts", "{\"alert_id\":\"risky|u1|e1\",\"rule\":\"risky\",\"key\":\"u1\","
                    + "\"event_id\":\"e1\",\"event_time\":1000,\"score\":0.93,\"model\":\"fraud\","
                    + "\"model_version\":\"4\"}"));
            writer.write(record("alerts", "{\"alert_id\":\"drift|fraud:amount|60000\",\"rule\":\"drift\","
                    + "\"key\":\"fraud:amount\",\"event_time\":60000,\"model_name\":\"fraud\","
                    + "\"model_version\":3}"));
            writer.flush();
        }
        assertThat(count("SELECT count(*) FROM " + spec.alertsTable() + " WHERE alert_id = 'old|u0|e0' "
                + "AND score = 0.9 AND model IS NULL AND model_version IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + spec.alertsTable() + " WHERE alert_id = 'risky|u1|e1' "
                + "AND model = 'fraud' AND model_version = '4'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + spec.alertsTable() + " WHERE rule = 'drift' "
                + "AND model = 'fraud' AND model_version = '3'")).as("a drift alert's model_name").isEqualTo(1);
        assertThat(count("SELECT version FROM streamscore_schema_version WHERE table_name = '"
                + spec.alertsTable() + "'")).isEqualTo(3);
    }

    @Test
    void twoSourcesWithTheSameEventIdsKeepARowEach() throws Exception {
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(score("transactions", "1", 0.25));
            writer.write(score("clicks", "1", 0.75)); // the same batch
            writer.flush();
            writer.write(score("clicks", "1", 0.5)); // a replay of one of them
            writer.flush();
        }
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable() + " WHERE event_id = '1'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable() + " WHERE (source, event_id, score) IN "
                + "(('transactions', '1', 0.25), ('clicks', '1', 0.5))")).isEqualTo(2);
    }

    @Test
    void aScoresTableOfVersionOneIsKeyedBySourceAndKeepsItsRows() throws Exception {
        try (Statement statement = sql.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS streamscore_schema_version (table_name text PRIMARY KEY, "
                    + "version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            // version 1 as an earlier Streamscore created it, with a row of its own and one without a source
            statement.execute("CREATE TABLE " + spec.scoresTable() + " (event_id text PRIMARY KEY, entity text, "
                    + "source text, event_time timestamptz NOT NULL, score double precision, decision boolean, "
                    + "model text, model_version text, features jsonb, record jsonb NOT NULL, "
                    + "written_at timestamptz NOT NULL DEFAULT now())");
            statement.execute("INSERT INTO " + spec.scoresTable() + " (event_id, source, event_time, score, record) "
                    + "VALUES ('1', 'transactions', now(), 0.25, '{}'), ('2', NULL, now(), 0.5, '{}')");
            statement.execute("INSERT INTO streamscore_schema_version (table_name, version) VALUES ('"
                    + spec.scoresTable() + "', 1)");
        }
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(score("clicks", "1", 0.75));
            writer.write(score("transactions", "1", 0.3));
            writer.flush();
        }
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable() + " WHERE (source, event_id, score) IN "
                + "(('transactions', '1', 0.3), ('clicks', '1', 0.75), ('', '2', 0.5))")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable())).isEqualTo(3);
        assertThat(count("SELECT version FROM streamscore_schema_version WHERE table_name = '"
                + spec.scoresTable() + "'")).isEqualTo(2);
    }

    @Test
    void tablesDroppedSinceTheirVersionWasRecordedAreCreatedAgain() throws Exception {
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(score("e1", 0.25));
            writer.flush();
        }
        try (Statement statement = sql.createStatement()) {
            statement.execute("DROP TABLE " + spec.scoresTable() + ", " + spec.alertsTable());
        }

        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(score("e2", 0.5));
            writer.write(record("alerts", "{\"alert_id\":\"r|u1|e2\",\"rule\":\"r\",\"key\":\"u1\","
                    + "\"event_id\":\"e2\",\"event_time\":1000,\"score\":0.5}"));
            assertThat(writer.flush()).isEqualTo(2);
        }
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable() + " WHERE event_id = 'e2'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + spec.alertsTable() + " WHERE score = 0.5")).as("version 2's column")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM streamscore_schema_version WHERE (table_name, version) IN (('"
                + spec.scoresTable() + "', 2), ('" + spec.alertsTable() + "', 3))")).isEqualTo(2);
    }

    @Test
    void aReplayedScoreLeavesOneRowWithItsValues() throws Exception {
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(score("e1", 0.25));
            writer.flush();
            writer.write(score("e1", 0.25));
            writer.write(score("e1", 0.75)); // twice in one batch: one upsert
            assertThat(writer.flush()).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable())).isEqualTo(1);
        try (Statement statement = sql.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT entity, score, decision, model, model_version, features->>'spend_5m', "
                        + "extract(epoch from event_time) * 1000, record->>'source' FROM " + spec.scoresTable())) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("u1");
            assertThat(row.getDouble(2)).isEqualTo(0.75);
            assertThat(row.getBoolean(3)).isTrue();
            assertThat(row.getString(4)).isEqualTo("fraud");
            assertThat(row.getString(5)).isEqualTo("3");
            assertThat(row.getString(6)).isEqualTo("12.5");
            assertThat(row.getLong(7)).isEqualTo(1_700_000_000_000L);
            assertThat(row.getString(8)).isEqualTo("transactions");
        }
    }

    @Test
    void alertsGoToTheirTableAndOtherTopicsAreIgnored() throws Exception {
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(record("alerts", "{\"alert_id\":\"r|u1|e1\",\"rule\":\"r\",\"key\":\"u1\","
                    + "\"source\":\"transactions\",\"event_id\":\"e1\",\"event_time\":1000}"));
            writer.write(record("late-events", "not even JSON"));
            assertThat(writer.flush()).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM " + spec.alertsTable() + " WHERE alert_id = 'r|u1|e1' "
                + "AND rule = 'r' AND features IS NULL AND score IS NULL")).isEqualTo(1);
    }

    @Test
    void aFullBatchIsWrittenWithoutWaitingForAFlush() throws Exception {
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            assertThat(writer.write(score("e1", 0.1))).isZero();
            assertThat(writer.write(score("e2", 0.2))).isZero();
            assertThat(writer.write(score("e3", 0.3))).isEqualTo(3);
            assertThat(count("SELECT count(*) FROM " + spec.scoresTable())).isEqualTo(3);
        }
    }

    @Test
    void missingScoreIsNull() throws Exception {
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(record("scores", "{\"event_id\":\"e1\",\"key\":\"u1\",\"event_time\":1,\"score\":null}"));
            writer.flush();
        }
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable() + " WHERE score IS NULL AND decision IS NULL"))
                .isEqualTo(1);
    }

    /**
     * A table of the configured name that Streamscore did not create (another application's) is refused at start,
     * naming the key to change, and left as it was: before, the alerts table gained a column and a version row and
     * every write then failed; a scores table failed the start with "column source does not exist".
     */
    @Test
    void anotherApplicationsTableOfTheSameNameIsRefusedAndLeftAsItWas() throws Exception {
        try (Statement statement = sql.createStatement()) {
            statement.execute("CREATE TABLE " + spec.alertsTable() + " (id serial PRIMARY KEY, message text)");
        }
        assertThatThrownBy(() -> PostgresResultWriter.connect(spec, "scores", "alerts"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("table " + spec.alertsTable() + " exists and is not a Streamscore results table")
                .hasMessageContaining("stores.postgres.alerts_table");
        assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_name = '" + spec.alertsTable()
                + "'")).as("its columns").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = '" + spec.scoresTable() + "'"))
                .as("nothing of the start is kept").isZero();

        try (Statement statement = sql.createStatement()) {
            statement.execute("DROP TABLE " + spec.alertsTable());
            statement.execute("CREATE TABLE " + spec.scoresTable() + " (id bigint PRIMARY KEY, score real)");
        }
        assertThatThrownBy(() -> PostgresResultWriter.connect(spec, "scores", "alerts"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("table " + spec.scoresTable() + " exists and is not a Streamscore results table")
                .hasMessageContaining("stores.postgres.scores_table");
    }

    /**
     * PostgreSQL's text and jsonb cannot hold U+0000, which JSON input may carry in an id or key: the row is written
     * with U+FFFD in its place (the same on every replay), instead of failing every flush and so the job forever.
     */
    @Test
    void aNulCharacterInAnIdOrKeyIsStoredAsTheReplacementCharacter() throws Exception {
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(record("scores", "{\"event_id\":\"e\\u00001\",\"key\":\"u\\u00001\",\"source\":\"t\","
                    + "\"event_time\":1,\"score\":0.5}"));
            writer.write(record("alerts", "{\"alert_id\":\"r|u\\u00001|e1\",\"rule\":\"r\",\"key\":\"u\\u00001\","
                    + "\"event_id\":\"e1\",\"event_time\":1000,\"path\":\"C:\\\\u0000\"}"));
            assertThat(writer.flush()).isEqualTo(2);
            writer.write(record("scores", "{\"event_id\":\"e\\u00001\",\"key\":\"u1\",\"source\":\"t\","
                    + "\"event_time\":1,\"score\":0.75}"));
            assertThat(writer.flush()).as("a replay").isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable()
                + " WHERE event_id = 'e\uFFFD1' AND score = 0.75"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + spec.alertsTable() + " WHERE alert_id = 'r|u\uFFFD1|e1' "
                + "AND entity = 'u\uFFFD1' AND record->>'key' = 'u\uFFFD1'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + spec.alertsTable() + " WHERE record->>'path' = 'C:\\u0000'"))
                .as("an escaped backslash before u0000 is text, not a NUL").isEqualTo(1);
    }

    /**
     * An id of kilobytes (JSON input allows them) does not fit a btree index entry (at most 2704 bytes): it is keyed
     * by its head and its SHA-256, the same on a replay, and the whole id stays in the record. Before, every flush
     * failed with "index row size exceeds btree version 4 maximum", and the job at every restart.
     */
    @Test
    void anIdTooLongForAnIndexIsKeyedByItsHeadAndHash() throws Exception {
        StringBuilder longId = new StringBuilder();
        while (longId.length() < 4_000) {
            longId.append(UUID.randomUUID()); // random: an index entry cannot compress it below the limit
        }
        String alert = "{\"alert_id\":\"r|" + longId + "\",\"rule\":\"r\",\"key\":\"u1\",\"event_time\":1}";
        try (PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts")) {
            writer.write(score(longId.toString(), 0.25));
            writer.write(record("alerts", alert));
            assertThat(writer.flush()).isEqualTo(2);
            writer.write(score(longId.toString(), 0.5));
            writer.write(record("alerts", alert));
            assertThat(writer.flush()).as("a replay").isEqualTo(2);
        }
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable() + " WHERE event_id LIKE '"
                + longId.substring(0, 200) + "...sha256:%' AND length(event_id) = 274 AND score = 0.5 "
                + "AND record->>'event_id' = '" + longId + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + spec.scoresTable())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + spec.alertsTable() + " WHERE alert_id LIKE 'r|%...sha256:%'"))
                .isEqualTo(1);
    }

    @Test
    void aTerminatedSessionFailsTheFlushWithItsCauseAndClosesQuietly() throws Exception {
        PostgresResultWriter writer = PostgresResultWriter.connect(spec, "scores", "alerts");
        writer.write(score("e1", 0.1));
        try (Statement statement = sql.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                    + "'streamscore' AND pid <> pg_backend_pid()");
        }

        assertThatThrownBy(writer::flush).isInstanceOfSatisfying(SQLException.class, e ->
                assertThat(e.getMessage()).as("the flush names the terminated session, not the closed connection")
                        .doesNotContain("has been closed"));
        assertThatCode(writer::close).as("closing in the task's cleanup").doesNotThrowAnyException();
    }
}

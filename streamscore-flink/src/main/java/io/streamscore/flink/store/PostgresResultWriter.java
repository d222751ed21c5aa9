package io.streamscore.flink.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.streamscore.flink.sink.OutputRecord;
import io.streamscore.registry.ModelChecksum;
import io.streamscore.spec.PostgresStoreSpec;
import io.streamscore.spec.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts scores and alerts (the JSON records of the scores and alerts topics) into PostgreSQL, keyed by source and
 * event id and by alert id, in batches of rewritten multi-row inserts, one transaction per flush. Writing the same
 * record twice leaves one row, so a replay after a failure never duplicates; within a batch only the last record per
 * key is sent (PostgreSQL refuses to upsert one row twice in a statement). Other topics are ignored. Not thread-safe.
 */
public final class PostgresResultWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresResultWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest event or alert id kept as it is in a primary key; the source shares the index entry. */
    private static final int MAX_KEY_BYTES = 1024;
    private static final int LONG_KEY_PREFIX = 200;
    private static final String LONG_KEY_MARK = "...sha256:";

    private final Connection connection;
    private final PreparedStatement scores;
    private final PreparedStatement alerts;
    private final String scoresTopic;
    private final String alertsTopic;
    private final int batchSize;
    private final Map<List<String>, JsonNode> pendingScores = new LinkedHashMap<>();
    private final Map<String, JsonNode> pendingAlerts = new LinkedHashMap<>();

    private PostgresResultWriter(Connection connection, PostgresStoreSpec spec, String scoresTopic,
                                 String alertsTopic) throws SQLException {
        this.connection = connection;
        this.scoresTopic = scoresTopic;
        this.alertsTopic = alertsTopic;
        this.batchSize = spec.batchSize();
        ResultsSchema.migrate(connection, spec);
        connection.setAutoCommit(false);
        this.scores = connection.prepareStatement(upsert(spec.scoresTable(), 2, "source", "event_id", "entity",
                "event_time", "score", "decision", "model", "model_version", "features", "record"));
        this.alerts = connection.prepareStatement(upsert(spec.alertsTable(), 1, "alert_id", "rule", "entity",
                "source", "event_id", "event_time", "score", "model", "model_version", "features", "record"));
    }

    /**
     * Connects, creates or migrates the tables, and prepares the upserts. A refused connection's message names the
     * {@code stores.postgres} field to fix.
     */
    public static PostgresResultWriter connect(PostgresStoreSpec spec, String scoresTopic, String alertsTopic)
            throws SQLException {
        Connection connection = open(spec, null);
        try {
            return new PostgresResultWriter(connection, spec, scoresTopic, alertsTopic);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * One connection to the spec's database, opened as the sink opens its own (user, password, TLS parameters in the
     * URL). {@code timeout} bounds connecting and logging in (null: the driver's defaults). A refused connection's
     * message names the {@code stores.postgres} field to fix.
     */
    public static Connection open(PostgresStoreSpec spec, Duration timeout) throws SQLException {
        Properties properties = new Properties();
        if (spec.user() != null) {
            properties.setProperty("user", spec.user());
        }
        if (spec.password() != null) {
            properties.setProperty("password", SecretValue.reveal(spec.password()));
        }
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("ApplicationName", "streamscore");
        if (timeout != null) {
            String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
            properties.setProperty("connectTimeout", seconds);
            properties.setProperty("loginTimeout", seconds);
            properties.setProperty("socketTimeout", seconds);
        }
        try {
            return DriverManager.getConnection(spec.url(), properties);
        } catch (SQLException e) {
            throw PostgresConnectionFailure.explain(spec, e);
        }
    }

    /**
     * Throws what {@link #connect} would for a scores or alerts table of another application (one Streamscore did
     * not create), without changing anything: for the preflight.
     */
    public static void checkTables(Connection connection, PostgresStoreSpec spec) throws SQLException {
        ResultsSchema.checkOwnership(connection, spec);
    }

    /**
     * {@code INSERT ... ON CONFLICT (the first keyColumns columns) DO UPDATE} of every other column; jsonb columns
     * are cast.
     */
    private static String upsert(String table, int keyColumns, String... columns) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", columns)).append(") VALUES (");
        StringBuilder update = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            boolean json = columns[i].equals("features") || columns[i].equals("record");
            sql.append(i == 0 ? "" : ", ").append(json ? "?::jsonb" : "?");
            if (i >= keyColumns) {
                update.append(columns[i]).append(" = EXCLUDED.").append(columns[i]).append(", ");
            }
        }
        return sql.append(") ON CONFLICT (").append(String.join(", ", Arrays.copyOf(columns, keyColumns)))
                .append(") DO UPDATE SET ").append(update)
                .append("written_at = now()").toString();
    }

    /** Buffers a score or alert; writes the batch when full. Returns the rows written, 0 when only buffered. */
    public int write(OutputRecord record) throws SQLException {
        boolean score = scoresTopic.equals(record.topic);
        if (!score && !alertsTopic.equals(record.topic)) {
            return 0;
        }
        JsonNode json = parse(record.value);
        if (score) {
            pendingScores.put(List.of(source(json), indexable(json.path("event_id").asText())), json);
        } else {
            pendingAlerts.put(indexable(json.path("alert_id").asText()), json);
        }
        return pendingScores.size() + pendingAlerts.size() >= batchSize ? flush() : 0;
    }

    /** Writes everything buffered in one transaction; returns the rows written. */
    public int flush() throws SQLException {
        int rows = pendingScores.size() + pendingAlerts.size();
        if (rows == 0) {
            return 0;
        }
        try {
            for (JsonNode score : pendingScores.values()) {
                bindScore(score);
                scores.addBatch();
            }
            for (JsonNode alert : pendingAlerts.values()) {
                bindAlert(alert);
                alerts.addBatch();
            }
            scores.executeBatch();
            alerts.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            rollbackAfter(e);
            throw e;
        }
        pendingScores.clear();
        pendingAlerts.clear();
        return rows;
    }

    private void bindScore(JsonNode score) throws SQLException {
        scores.setString(1, source(score));
        scores.setString(2, indexable(score.path("event_id").asText()));
        scores.setString(3, text(score, "key"));
        scores.setObject(4, time(score));
        scores.setObject(5, number(score, "score"), Types.DOUBLE);
        JsonNode decision = score.path("decision");
        scores.setObject(6, decision.isBoolean() ? decision.asBoolean() : null, Types.BOOLEAN);
        scores.setString(7, text(score, "model"));
        scores.setString(8, text(score, "model_version"));
        scores.setString(9, features(score));
        scores.setString(10, score.toString());
    }

    private void bindAlert(JsonNode alert) throws SQLException {
        alerts.setString(1, indexable(alert.path("alert_id").asText()));
        alerts.setString(2, text(alert, "rule"));
        alerts.setString(3, text(alert, "key"));
        alerts.setString(4, text(alert, "source"));
        alerts.setString(5, text(alert, "event_id"));
        alerts.setObject(6, time(alert));
        alerts.setObject(7, number(alert, "score"), Types.DOUBLE);
        // A rule alert names its model as a score does ("model"); a drift alert as "model_name".
        String model = text(alert, "model");
        alerts.setString(8, model != null ? model : text(alert, "model_name"));
        alerts.setString(9, text(alert, "model_version"));
        alerts.setString(10, features(alert));
        alerts.setString(11, alert.toString());
    }

    /** A score's source, part of its key: the empty one when missing (never for the scores Streamscore writes). */
    private static String source(JsonNode score) {
        String source = text(score, "source");
        return source == null ? "" : source;
    }

    /**
     * {@code id} as the primary key holds it: unchanged up to {@value #MAX_KEY_BYTES} bytes of UTF-8, else its first
     * {@value #LONG_KEY_PREFIX} characters, {@value #LONG_KEY_MARK} and the SHA-256 of the whole. A btree index entry
     * cannot exceed 2704 bytes ("index row size exceeds btree version 4 maximum"), and one event with an id or key of
     * a few kilobytes (JSON input allows them) failed every flush and so the job at every restart. The short form is
     * the same on every replay, so the row stays one; the whole id stays in {@code record}.
     */
    private static String indexable(String id) {
        if (id.length() * 3 <= MAX_KEY_BYTES || id.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES) {
            return id;
        }
        int end = Character.isHighSurrogate(id.charAt(LONG_KEY_PREFIX - 1)) ? LONG_KEY_PREFIX - 1 : LONG_KEY_PREFIX;
        return id.substring(0, end) + LONG_KEY_MARK + ModelChecksum.sha256(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static Double number(JsonNode record, String field) {
        JsonNode value = record.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }

    private static OffsetDateTime time(JsonNode record) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.path("event_time").asLong()), ZoneOffset.UTC);
    }

    private static String features(JsonNode record) {
        JsonNode features = record.path("features");
        return features.isObject() ? features.toString() : null;
    }

    private static JsonNode parse(byte[] value) {
        try {
            return withoutNul(JSON.readTree(value));
        } catch (IOException e) {
            // Our own encoders wrote it: a record that does not parse is a bug, not bad input.
            throw new IllegalStateException("result record is not JSON: "
                    + new String(value, StandardCharsets.UTF_8), e);
        }
    }

    /**
     * {@code node} with every U+0000 in its string values replaced by U+FFFD, in place. PostgreSQL's text and jsonb
     * cannot hold U+0000, which JSON input may carry in an id or key: such a record would fail every flush, and the
     * job at every restart, as the replay brings it back. The replacement is the same on every replay, so the row's
     * key stays stable. (Field names are ours or the spec's, which holds no control characters.)
     */
    private static JsonNode withoutNul(JsonNode node) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> field.setValue(withoutNul(field.getValue())));
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, withoutNul(array.get(i)));
            }
        } else if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
            return TextNode.valueOf(node.textValue().replace('\0', '\uFFFD'));
        }
        return node;
    }

    /**
     * Rolls the failed transaction back. On a connection the server dropped the rollback fails too; its failure is
     * kept as suppressed, so the flush reports why it failed (the terminated session), not "connection closed".
     */
    private void rollbackAfter(SQLException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Closes the connection and never throws: it runs in the task's cleanup, often after the server dropped the
     * session, and Flink treats a throw from cleanup as fatal to the whole TaskManager (no restart). Logged instead.
     */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the connection to PostgreSQL failed (ignored, the connection is dropped): {}",
                    e.toString());
        }
    }
}

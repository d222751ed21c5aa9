package io.streamscore.cli.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's local table of alerts: an SQLite file, filled from the alerts topic as read by a read_committed
 * consumer. Rows are keyed by the alert's id, which the pipeline derives from the rule, the key and the event, so
 * writing the same alert twice (a consumer restart, a replay) leaves one row: with the exactly-once topic upstream,
 * the table holds each alert once. Used from one thread.
 */
public final class AlertTable implements AutoCloseable {
    /** One alerted entity, how many alerts it raised, and the rules that raised them (in name order). */
    public record Entity(String key, long alerts, List<String> rules) {}

    private final Path file;
    private final Connection connection;
    private final PreparedStatement insert;

    public AlertTable(Path file) {
        this.file = file;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS alerts (alert_id TEXT PRIMARY KEY, rule TEXT NOT NULL, "
                        + "entity TEXT NOT NULL, event_id TEXT NOT NULL, event_time INTEGER NOT NULL, "
                        + "payload TEXT NOT NULL, received_at INTEGER NOT NULL)");
            }
            insert = connection.prepareStatement("INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (alert_id) DO NOTHING");
        } catch (SQLException e) {
            throw new IllegalStateException("could not open the alerts table " + file + ": " + e.getMessage(), e);
        }
    }

    public void insert(String alertId, String rule, String entity, String eventId, long eventTime, String payload) {
        try {
            insert.setString(1, alertId);
            insert.setString(2, rule);
            insert.setString(3, entity);
            insert.setString(4, eventId);
            insert.setLong(5, eventTime);
            insert.setString(6, payload);
            insert.setLong(7, System.currentTimeMillis());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write alert " + alertId + " to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    public long rows() {
        return queryLong("SELECT COUNT(*) FROM alerts");
    }

    /**
     * The entities with the most alerts over all rules, most first: each rule has a cooldown per entity, so counting
     * per rule would rank nearly everyone at one or two.
     */
    public List<Entity> top(int limit) {
        List<Entity> top = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT entity, COUNT(*) n, "
                + "(SELECT group_concat(rule, ',') FROM (SELECT DISTINCT rule FROM alerts r WHERE r.entity = "
                + "a.entity ORDER BY rule)) FROM alerts a GROUP BY entity ORDER BY n DESC, entity LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    top.add(new Entity(rows.getString(1), rows.getLong(2), List.of(rows.getString(3).split(","))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + file + ": " + e.getMessage(), e);
        }
        return top;
    }

    private long queryLong(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not close " + file + ": " + e.getMessage(), e);
        }
    }
}

package io.streamscore.flink.store;

import io.streamscore.spec.PostgresStoreSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the results tables at start. Each table's applied version is kept in
 * {@value #VERSIONS_TABLE}; migrations run in order, once, under a transaction-scoped advisory lock, so the sink's
 * parallel subtasks (and several pipelines sharing a database) never race. A migration is appended, never edited, and
 * is idempotent ({@code IF NOT EXISTS}): a table its version row names but that was dropped is created again from
 * the first migration. A table of that name found without a version row is taken over only when it has the first
 * version's columns; another application's table is refused, unchanged, with the spec key to change.
 */
final class ResultsSchema {
    private static final Logger LOG = LoggerFactory.getLogger(ResultsSchema.class);
    static final String VERSIONS_TABLE = "streamscore_schema_version";
    /** Any fixed number: the advisory lock all Streamscore migrations take. */
    private static final long MIGRATION_LOCK = 0x5ec0_5c0e_0001L;

    /** Versions 1 and 2 of the scores table (index = version - 1). {@code %1$s} is the table name. */
    static final List<String> SCORES_MIGRATIONS = List.of("""
            CREATE TABLE IF NOT EXISTS %s (
              event_id      text PRIMARY KEY,
              entity        text,
              source        text,
              event_time    timestamptz NOT NULL,
              score         double precision,
              decision      boolean,
              model         text,
              model_version text,
              features      jsonb,
              record        jsonb NOT NULL,
              written_at    timestamptz NOT NULL DEFAULT now())""",
            // 2: keyed by source and event id, as event ids are unique only within their source: two sources with
            // overlapping ids (two topics numbering their events from 1) overwrote each other's rows. Version 1 rows
            // without a source (none that Streamscore wrote) get the empty one; the old key is named by the catalog.
            """
            DO $migration$
            DECLARE
              old_key text;
            BEGIN
              UPDATE %1$s SET source = '' WHERE source IS NULL;
              ALTER TABLE %1$s ALTER COLUMN source SET NOT NULL;
              SELECT conname INTO old_key FROM pg_constraint WHERE conrelid = '%1$s'::regclass AND contype = 'p';
              EXECUTE format('ALTER TABLE %1$s DROP CONSTRAINT %%I', old_key);
              ALTER TABLE %1$s ADD PRIMARY KEY (source, event_id);
            END $migration$""");

    /** Versions 1 to 3 of the alerts table. */
    static final List<String> ALERTS_MIGRATIONS = List.of("""
            CREATE TABLE IF NOT EXISTS %s (
              alert_id   text PRIMARY KEY,
              rule       text,
              entity     text,
              source     text,
              event_id   text,
              event_time timestamptz NOT NULL,
              features   jsonb,
              record     jsonb NOT NULL,
              written_at timestamptz NOT NULL DEFAULT now())""",
            // 2: the model's score, for the rules that read it (null for rules over fields and features)
            "ALTER TABLE %s ADD COLUMN IF NOT EXISTS score double precision",
            // 3: the model and version that produced that score (a drift alert's model_name), to tell which model
            // raised an alert; null where version 2 wrote the row (the record's jsonb has no such keys either)
            "ALTER TABLE %1$s ADD COLUMN IF NOT EXISTS model text, ADD COLUMN IF NOT EXISTS model_version text");

    /** The columns of version 1 of each table: a table found without a version row must have them to be ours. */
    static final List<String> SCORES_V1_COLUMNS = List.of("event_id", "entity", "source", "event_time", "score",
            "decision", "model", "model_version", "features", "record", "written_at");
    static final List<String> ALERTS_V1_COLUMNS = List.of("alert_id", "rule", "entity", "source", "event_id",
            "event_time", "features", "record", "written_at");

    /** One results table: its name, the spec key naming it, its migrations and its first version's columns. */
    private record Table(String name, String specKey, List<String> migrations, List<String> firstColumns) {}

    private ResultsSchema() {}

    /** Brings both tables to their newest version; returns the migrations applied. */
    static int migrate(Connection connection, PostgresStoreSpec spec) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS " + VERSIONS_TABLE + " (table_name text PRIMARY KEY, "
                    + "version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            int applied = 0;
            for (Table table : tables(spec)) {
                applied += migrate(connection, table);
            }
            connection.commit();
            return applied;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static List<Table> tables(PostgresStoreSpec spec) {
        return List.of(new Table(spec.scoresTable(), "stores.postgres.scores_table", SCORES_MIGRATIONS,
                SCORES_V1_COLUMNS), new Table(spec.alertsTable(), "stores.postgres.alerts_table", ALERTS_MIGRATIONS,
                ALERTS_V1_COLUMNS));
    }

    /**
     * Throws the refusal {@link #migrate} would give for a table of another application, changing nothing: the
     * preflight's check, so that {@code run} names it before the job starts instead of the sink failing every start.
     */
    static void checkOwnership(Connection connection, PostgresStoreSpec spec) throws SQLException {
        boolean versioned = exists(connection, VERSIONS_TABLE);
        for (Table table : tables(spec)) {
            if ((!versioned || version(connection, table.name()) == 0) && exists(connection, table.name())) {
                refuseForeign(connection, table);
            }
        }
    }

    private static int migrate(Connection connection, Table target) throws SQLException {
        String table = target.name();
        List<String> migrations = target.migrations();
        int version = version(connection, table);
        boolean exists = exists(connection, table);
        if (version == 0 && exists) {
            refuseForeign(connection, target);
        }
        if (version > 0 && !exists) {
            // Dropped by hand since (a reset, a clean-up): its rows are gone, so the table starts over, as on a first
            // run. Trusting the row would pass the start and fail every write with "relation does not exist".
            LOG.warn("results table {} does not exist although {} records it at version {}: creating it again",
                    table, VERSIONS_TABLE, version);
            version = 0;
        }
        if (version > migrations.size()) {
            throw new SQLException("table " + table + " is at schema version " + version + ", newer than this "
                    + "Streamscore knows (" + migrations.size() + "); use a newer Streamscore or another table");
        }
        try (Statement statement = connection.createStatement()) {
            for (int next = version; next < migrations.size(); next++) {
                statement.execute(migrations.get(next).formatted(table));
            }
        }
        if (version < migrations.size()) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + VERSIONS_TABLE
                    + " (table_name, version) VALUES (?, ?) ON CONFLICT (table_name) DO UPDATE SET version = "
                    + "EXCLUDED.version, applied_at = now()")) {
                upsert.setString(1, table);
                upsert.setInt(2, migrations.size());
                upsert.executeUpdate();
            }
        }
        return migrations.size() - version;
    }

    /**
     * Refuses a table that exists although no version row names it, unless it has the columns of the first version
     * (one Streamscore created, with its version row lost): it is another application's, which the migrations would
     * alter and the upserts fail on at every write.
     */
    private static void refuseForeign(Connection connection, Table table) throws SQLException {
        List<String> missing = new ArrayList<>(table.firstColumns());
        try (PreparedStatement query = connection.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid "
                + "= to_regclass(?) AND attnum > 0 AND NOT attisdropped")) {
            query.setString(1, table.name());
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    missing.remove(result.getString(1));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new SQLException("table " + table.name() + " exists and is not a Streamscore results table (it has "
                    + "no column " + String.join(", ", missing) + "); set " + table.specKey() + " to another table "
                    + "name, or rename or drop that table");
        }
    }

    /** Whether the table exists, resolved as the upserts resolve its name (the search path, unquoted lower case). */
    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static int version(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT version FROM " + VERSIONS_TABLE
                + " WHERE table_name = ?")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getInt(1) : 0;
            }
        }
    }
}

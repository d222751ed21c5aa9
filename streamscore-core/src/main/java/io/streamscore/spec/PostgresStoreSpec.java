package io.streamscore.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * The results database: scores and alerts upserted into PostgreSQL tables, one row per event id (per alert id),
 * so a replay after a failure never duplicates a row.
 *
 * @param url a {@code jdbc:postgresql://host:port/database} URL (no password in it)
 * @param user the database user, or null for the driver's default
 * @param password the user's password, or null
 * @param scoresTable the scores table, created at start when missing ({@code name} or {@code schema.name})
 * @param alertsTable the alerts table, likewise
 * @param batchSize rows written per batch
 */
public record PostgresStoreSpec(String url, String user, SecretValue password, String scoresTable,
                                String alertsTable, int batchSize) implements Serializable {
    public static final String DEFAULT_SCORES_TABLE = "scores";
    public static final String DEFAULT_ALERTS_TABLE = "alerts";
    public static final int DEFAULT_BATCH_SIZE = 1000;

    public PostgresStoreSpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(scoresTable, "scoresTable");
        Objects.requireNonNull(alertsTable, "alertsTable");
    }
}

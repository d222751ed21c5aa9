package io.streamscore.spec;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code stores.postgres}: the JDBC URL, the user and the password reference, the two table names and the
 * batch size. A password inside the URL is refused like any literal secret.
 */
final class PostgresStoreReader {
    static final List<String> KEYS = List.of("url", "user", "password", "scores_table", "alerts_table",
            "batch_size");
    private static final String URL_PREFIX = "jdbc:postgresql://";
    private static final Pattern TABLE = Pattern.compile("([a-z_][a-z0-9_]{0,62}\\.)?[a-z_][a-z0-9_]{0,62}");

    private final SpecSecrets secrets;

    PostgresStoreReader(SpecSecrets secrets) {
        this.secrets = secrets;
    }

    /** The database, or null when absent or on problems. */
    PostgresStoreSpec read(SpecNode postgres) {
        if (!postgres.isPresent()) {
            return null;
        }
        int mark = postgres.problems().mark();
        if (postgres.expectMap("PostgreSQL settings (" + String.join(", ", KEYS) + ")")) {
            postgres.rejectUnknownKeys(KEYS);
        }
        String url = readUrl(postgres.get("url"));
        String user = secrets.interpolate(postgres.get("user"), postgres.get("user").text());
        SecretValue password = secrets.secret(postgres.get("password"), "PG_PASSWORD");
        String scores = readTable(postgres.get("scores_table"), PostgresStoreSpec.DEFAULT_SCORES_TABLE);
        String alerts = readTable(postgres.get("alerts_table"), PostgresStoreSpec.DEFAULT_ALERTS_TABLE);
        if (scores != null && scores.equals(alerts)) {
            postgres.get("alerts_table").error("scores and alerts would share table '" + scores + "'",
                    "give `alerts_table` another name, e.g. `alerts`");
        }
        int batchSize = postgres.get("batch_size").integer(PostgresStoreSpec.DEFAULT_BATCH_SIZE, 1, 100_000);
        return postgres.problems().noneSince(mark)
                ? new PostgresStoreSpec(url, user, password, scores, alerts, batchSize) : null;
    }

    private String readUrl(SpecNode node) {
        String written = node.requiredText("add `url: jdbc:postgresql://<host>:<port>/<database>`");
        if (written == null) {
            return null;
        }
        String fix = "write `url: jdbc:postgresql://<host>:<port>/<database>`, e.g. "
                + "`jdbc:postgresql://127.0.0.1:5432/streamscore`";
        if (written.toLowerCase(Locale.ROOT).matches(".*[?&;]password=.*")) {
            node.error("the URL holds a password; written in the spec it ends up in version control and logs",
                    "remove it from the URL and write `password: ${PG_PASSWORD}`");
            return null;
        }
        String url = secrets.interpolate(node, written.trim());
        if (url != null && !url.startsWith(URL_PREFIX)) {
            node.error("'" + written + "' is not a PostgreSQL JDBC URL", fix);
            return null;
        }
        return url;
    }

    private static String readTable(SpecNode node, String defaultName) {
        String table = node.text(defaultName);
        if (table != null && !TABLE.matcher(table).matches()) {
            node.error("'" + table + "' is not a plain table name",
                    "write a lower-case name of letters, digits and `_` (up to 63), optionally `schema.table`");
            return null;
        }
        return table;
    }
}

package io.streamscore.spec;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code stores.postgres}: the JDBC URL, the user and the password reference, the two table names and the
 * batch size. Credentials inside the URL are refused like any literal secret (see {@link UrlCredentials}).
 */
final class PostgresStoreReader {
    static final List<String> KEYS = List.of("url", "user", "password", "scores_table", "alerts_table",
            "batch_size");
    private static final String IN_THE_CLEAR = "; written in the spec or printed by `validate` it ends up in version "
            + "control and logs";
    private static final String USER_FIX = "remove it from the URL and write `user: <name>` and "
            + "`password: ${PG_PASSWORD}` under `stores.postgres`";
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
        if (scores != null && alerts != null && qualified(scores).equals(qualified(alerts))) {
            postgres.get("alerts_table").error("scores and alerts would share table '" + qualified(scores) + "'",
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
        String url = secrets.interpolate(node, written.trim());
        if (url != null && holdsCredential(node, url)) {
            return null;
        }
        if (url != null && !url.startsWith(URL_PREFIX)) {
            node.error("'" + written + "' is not a PostgreSQL JDBC URL", fix);
            return null;
        }
        return url;
    }

    /**
     * Refuses credentials in the URL, checked after references are resolved: {@code validate} prints the URL, so a
     * password there would print even when it came from a variable. The message does not echo the URL.
     */
    private static boolean holdsCredential(SpecNode node, String url) {
        UrlCredentials credentials = UrlCredentials.of(url);
        // sslkey names a file, so only parameters naming a password count (password, sslpassword, ...).
        String parameter = credentials.secretParameter(SecretNames::namesPassword);
        if (credentials.hasPassword()) {
            node.error("the URL holds a password in its user info (user:password@)" + IN_THE_CLEAR, USER_FIX);
        } else if (parameter != null && parameter.startsWith("ssl")) {
            node.error("the URL holds `" + parameter + "`, the client key's passphrase" + IN_THE_CLEAR,
                    "remove it from the URL and point `sslkey` at a key file without a passphrase (e.g. `openssl "
                            + "pkcs8 -topk8 -nocrypt -outform DER -in client.key -out client.pk8`) that only the "
                            + "user Streamscore runs as can read");
        } else if (parameter != null) {
            node.error("the URL holds `" + parameter + "`, a credential" + IN_THE_CLEAR, USER_FIX);
        } else {
            return false;
        }
        return true;
    }

    /**
     * The table PostgreSQL resolves {@code table} to, for comparing two names: unquoted identifiers fold to lower
     * case, and an unqualified name is in the {@code public} schema (the default search_path).
     */
    static String qualified(String table) {
        String folded = table.trim().toLowerCase(Locale.ROOT);
        return folded.contains(".") ? folded : "public." + folded;
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

package io.streamscore.cli.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * The real Redis and PostgreSQL servers tests use, from environment variables that {@code .ci/services.sh start}
 * exports. Missing locally, the test is skipped with the reason; missing under CI ({@code CI=true}), it fails:
 * CI must run these tests against real servers.
 */
public final class TestServers {
    public static final String REDIS = "STREAMSCORE_TEST_REDIS";
    public static final String PG_URL = "STREAMSCORE_TEST_PG_URL";
    public static final String PG_USER = "STREAMSCORE_TEST_PG_USER";
    public static final String PG_PASSWORD = "STREAMSCORE_TEST_PG_PASSWORD";

    /** A PostgreSQL database: JDBC URL, user, and the name of the variable holding the password. */
    public record Postgres(String url, String user, String password) {}

    private TestServers() {}

    /** {@code host:port} of a Redis server the test may write to. */
    public static String redis() {
        return require(REDIS, "Redis");
    }

    public static Postgres postgres() {
        return new Postgres(require(PG_URL, "PostgreSQL"), require(PG_USER, "PostgreSQL"),
                require(PG_PASSWORD, "PostgreSQL"));
    }

    /**
     * A top-level {@code stores} section on these servers: Redis keys under {@code keyPrefix}, scores in
     * {@code table} and alerts in {@code table_alerts}; the password stays a {@code ${...}} reference to
     * {@link #PG_PASSWORD}, resolved where the job runs (a cluster's JobManager inherits the test's environment).
     */
    public static String storesSection(String keyPrefix, String table, int redisBatch, int postgresBatch) {
        Postgres postgres = postgres();
        return """
                stores:
                  redis:
                    address: %s
                    key_prefix: '%s'
                    batch_size: %d
                  postgres:
                    url: %s
                    user: %s
                    password: ${%s}
                    scores_table: %s
                    alerts_table: %s_alerts
                    batch_size: %d
                """.formatted(redis(), keyPrefix, redisBatch, postgres.url(), postgres.user(), PG_PASSWORD, table,
                table, postgresBatch);
    }

    private static String require(String variable, String what) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            unavailable(what + " is not configured: " + variable + " is not set (run `source .ci/services.sh start`)");
        }
        return value;
    }

    /** A server the test needs is missing: skips the test locally, fails it under CI. */
    public static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + "; CI must provide the real server");
        }
        Assumptions.abort(why);
    }
}

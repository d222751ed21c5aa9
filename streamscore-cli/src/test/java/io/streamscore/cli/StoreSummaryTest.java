package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.serving.client.TlsIdentity;
import io.streamscore.spec.PostgresStoreSpec;
import io.streamscore.spec.RedisStoreSpec;
import io.streamscore.spec.SecretValue;
import io.streamscore.spec.ServingSpec;
import io.streamscore.spec.StoresSpec;
import io.streamscore.spec.TlsCaFile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code validate} prints of the stores: spec key names, set values and defaults, secrets masked. */
class StoreSummaryTest {
    @Test
    void everyStoreUnderTheSpecsKeyNamesWithSecretsMasked() {
        RedisStoreSpec redis = new RedisStoreSpec("cache.internal:6380", "features",
                new SecretValue("REDIS_PASSWORD", "redis-s3cret"), true, new TlsCaFile("/etc/ca.pem", "PEM"),
                new TlsIdentity("/etc/client.pem", "CERT PEM", "/etc/client.key", "KEY PEM s3cret"), "fraud:",
                Duration.ofDays(7), "transactions", "user_id",
                List.of("user_tx_1h", "user_spend_5m"), 500);
        PostgresStoreSpec postgres = new PostgresStoreSpec("jdbc:postgresql://db:5432/fraud", "app",
                new SecretValue("PG_PASSWORD", "pg-s3cret"), "scores", "risk.alerts", 1000);
        ServingSpec serving = new ServingSpec("0.0.0.0", 7070, new SecretValue("SERVING_TOKEN", "t0ken"));

        List<String> lines = StoreSummary.lines(new StoresSpec(redis, postgres, serving));

        assertThat(lines).containsExactly(
                "stores.redis: address cache.internal:6380, user features, password **** (from $REDIS_PASSWORD), "
                        + "tls true, tls_ca_file /etc/ca.pem, tls_cert_file /etc/client.pem, "
                        + "tls_key_file /etc/client.key, "
                        + "key_prefix fraud:, ttl 7d, source transactions, "
                        + "entity user_id, features [user_tx_1h, user_spend_5m], batch_size 500",
                "stores.postgres: url jdbc:postgresql://db:5432/fraud, user app, password **** (from $PG_PASSWORD), "
                        + "scores_table scores, alerts_table risk.alerts, batch_size 1000",
                "stores.serving: host 0.0.0.0, port 7070, token **** (from $SERVING_TOKEN)");
        assertThat(String.join("\n", lines)).doesNotContain("s3cret").doesNotContain("t0ken");
    }

    @Test
    void settingsLeftOutWithoutADefaultAreNotPrinted() {
        RedisStoreSpec redis = new RedisStoreSpec("embedded", null, "fs:", Duration.ZERO, "tx", "user_id",
                List.of("a"), 1);

        assertThat(StoreSummary.lines(new StoresSpec(redis, null, null))).containsExactly(
                "stores.redis: address embedded, key_prefix fs:, ttl 0s, source tx, entity user_id, features [a], "
                        + "batch_size 1");
        assertThat(StoreSummary.lines(StoresSpec.NONE)).isEmpty();
    }
}

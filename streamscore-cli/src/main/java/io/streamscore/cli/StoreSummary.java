package io.streamscore.cli;

import io.streamscore.spec.DurationText;
import io.streamscore.spec.PostgresStoreSpec;
import io.streamscore.spec.RedisStoreSpec;
import io.streamscore.spec.SecretValue;
import io.streamscore.spec.ServingSpec;
import io.streamscore.spec.StoresSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code validate} prints of a spec's stores once it is valid: every setting in force, defaults included, under
 * the spec's own key names ({@code key_prefix}, {@code batch_size}, durations as {@code 7d}); settings left out and
 * without a default are not printed. A secret prints as {@value SecretValue#MASK} with the variable it comes from; a
 * client key as its path only.
 */
final class StoreSummary {
    private final List<String> parts = new ArrayList<>();

    private StoreSummary() {}

    static List<String> lines(StoresSpec stores) {
        List<String> lines = new ArrayList<>();
        if (stores.redis() != null) {
            lines.add("stores.redis: " + redis(stores.redis()));
        }
        if (stores.postgres() != null) {
            lines.add("stores.postgres: " + postgres(stores.postgres()));
        }
        if (stores.serving() != null) {
            lines.add("stores.serving: " + serving(stores.serving()));
        }
        return lines;
    }

    private static String redis(RedisStoreSpec redis) {
        StoreSummary summary = new StoreSummary().put("address", redis.address()).put("user", redis.user())
                .secret("password", redis.password());
        if (redis.tls()) {
            summary.put("tls", "true").put("tls_ca_file", redis.tlsCa() == null ? null : redis.tlsCa().path());
            if (redis.tlsIdentity() != null) {
                summary.put("tls_cert_file", redis.tlsIdentity().certificatePath())
                        .put("tls_key_file", redis.tlsIdentity().keyPath());
            }
        }
        return summary.put("key_prefix", redis.keyPrefix()).put("ttl", DurationText.format(redis.ttl()))
                .put("source", redis.source()).put("entity", redis.entity())
                .put("features", "[" + String.join(", ", redis.features()) + "]")
                .put("batch_size", Integer.toString(redis.batchSize())).toString();
    }

    private static String postgres(PostgresStoreSpec postgres) {
        return new StoreSummary().put("url", postgres.url()).put("user", postgres.user())
                .secret("password", postgres.password()).put("scores_table", postgres.scoresTable())
                .put("alerts_table", postgres.alertsTable()).put("batch_size", Integer.toString(postgres.batchSize()))
                .toString();
    }

    private static String serving(ServingSpec serving) {
        return new StoreSummary().put("host", serving.host()).put("port", Integer.toString(serving.port()))
                .secret("token", serving.token()).toString();
    }

    private StoreSummary put(String key, String value) {
        if (value != null) {
            parts.add(key + " " + value);
        }
        return this;
    }

    private StoreSummary secret(String key, SecretValue secret) {
        return put(key, secret == null ? null : secret + " (from $" + secret.variable() + ")");
    }

    @Override
    public String toString() {
        return String.join(", ", parts);
    }
}

package io.streamscore.cli.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.TestServers;
import io.streamscore.flink.store.FeatureVector;
import io.streamscore.flink.store.RedisConnector;
import io.streamscore.flink.store.RedisFeatureWriter;
import io.streamscore.spec.RedisStoreSpec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The census of the feature store (the demo's {@code entities_in_store}) counts the keys of its own prefix, over a
 * real Redis. SCAN's MATCH takes a glob pattern, so a prefix holding {@code [1]} or {@code *} once also counted
 * other stores' keys.
 */
class FeatureLookupCensusTest {
    private final String run = UUID.randomUUID().toString();
    private final RedisStoreSpec store = store("fs[1]*?-" + run + ":");
    private final RedisStoreSpec neighbour = store("fs1x?-" + run + ":");

    private static RedisStoreSpec store(String prefix) {
        return new RedisStoreSpec(TestServers.redis(), null, prefix, Duration.ofMinutes(5), "transactions",
                "user_id", List.of("spend_5m"), 10);
    }

    @AfterEach
    void clean() {
        try (Jedis redis = RedisConnector.connect(store.address(), null)) {
            for (RedisStoreSpec each : List.of(store, neighbour)) {
                redis.keys(FeatureLookup.globLiteral(each.keyPrefix()) + "*").forEach(redis::del);
            }
        }
    }

    @Test
    void aPrefixWithGlobCharactersCountsOnlyItsOwnKeys() {
        write(store, "u1", "u2");
        write(neighbour, "u3"); // "fs1x?-..." matches the glob "fs[1]*?-...*"

        try (FeatureLookup lookup = FeatureLookup.connect(store, 1)) {
            FeatureLookup.Census census = lookup.census();

            assertThat(census.entities()).isEqualTo(2);
            assertThat(census.example()).isIn("u1", "u2");
        }
    }

    @Test
    void globLiteralEscapesEveryPatternCharacter() {
        assertThat(FeatureLookup.globLiteral("a*b?c[d]e\\f:")).isEqualTo("a\\*b\\?c\\[d\\]e\\\\f:");
        assertThat(FeatureLookup.globLiteral("features:")).isEqualTo("features:");
    }

    private static void write(RedisStoreSpec spec, String... entities) {
        try (RedisFeatureWriter writer = RedisFeatureWriter.connect(spec)) {
            for (String entity : entities) {
                writer.write(new FeatureVector(entity, "e-" + entity, 1_000, new double[] {1}));
            }
            writer.flush();
        }
    }
}

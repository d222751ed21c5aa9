package io.streamscore.cli.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.cli.testing.TestServers;
import io.streamscore.flink.store.FeatureStoreLayout;
import io.streamscore.flink.store.FeatureVector;
import io.streamscore.flink.store.RedisConnector;
import io.streamscore.flink.store.RedisFeatureWriter;
import io.streamscore.spec.RedisStoreSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ClientKillParams;

/** The versioned writes against a real Redis: newer vectors win whatever the order they arrive in. */
class RedisFeatureWriterTest {
    private static final List<String> FEATURES = List.of("spend_5m", "tx_1h");

    private RedisStoreSpec spec;
    private RedisFeatureWriter writer;
    private Jedis redis;

    @BeforeEach
    void connect() {
        String address = TestServers.redis();
        spec = new RedisStoreSpec(address, null, "test-" + UUID.randomUUID() + ":", Duration.ofMinutes(5),
                "transactions", "user_id", FEATURES, 100);
        writer = RedisFeatureWriter.connect(spec);
        redis = RedisConnector.connect(address, null);
    }

    @AfterEach
    void close() {
        if (writer != null) {
            String[] keys = redis.keys(spec.keyPrefix() + "*").toArray(String[]::new);
            if (keys.length > 0) {
                redis.del(keys);
            }
            writer.close();
            redis.close();
        }
    }

    private Map<String, String> stored(String entity) {
        return redis.hgetAll(FeatureStoreLayout.of(spec).key(entity));
    }

    @Test
    void olderVectorNeverReplacesANewerOne() {
        writer.write(new FeatureVector("u1", "e2", 2_000, new double[] {20, 2}));
        assertThat(writer.flush()).isEqualTo(new RedisFeatureWriter.FlushResult(1, 0));

        writer.write(new FeatureVector("u1", "e1", 1_000, new double[] {10, 1}));
        assertThat(writer.flush()).isEqualTo(new RedisFeatureWriter.FlushResult(0, 1));

        assertThat(stored("u1")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "_valid_at", "2000", "_event_id", "e2", "spend_5m", "20.0", "tx_1h", "2.0"));
    }

    @Test
    void replayOfTheSameEventIsIdempotent() {
        FeatureVector vector = new FeatureVector("u1", "e1", 1_000, new double[] {10, 1});
        writer.write(vector);
        writer.flush();
        writer.write(vector);

        assertThat(writer.flush().written()).isEqualTo(1);
        assertThat(stored("u1")).containsEntry("_event_id", "e1").containsEntry("spend_5m", "10.0");
    }

    @Test
    void sameEventTimeIsDecidedByTheLargerEventId() {
        writer.write(new FeatureVector("u1", "e9", 1_000, new double[] {9, 9}));
        writer.flush();
        writer.write(new FeatureVector("u1", "e10", 1_000, new double[] {10, 10}));

        assertThat(writer.flush().stale()).as("'e10' < 'e9' byte-wise").isEqualTo(1);
        assertThat(stored("u1")).containsEntry("_event_id", "e9");
    }

    @Test
    void withinABatchOnlyTheNewestVectorPerEntityIsSent() {
        writer.write(new FeatureVector("u1", "e3", 3_000, new double[] {3, 3}));
        writer.write(new FeatureVector("u1", "e1", 1_000, new double[] {1, 1}));
        writer.write(new FeatureVector("u2", "e2", 2_000, new double[] {2, 2}));

        assertThat(writer.flush()).isEqualTo(new RedisFeatureWriter.FlushResult(2, 0));
        assertThat(stored("u1")).containsEntry("_valid_at", "3000");
    }

    @Test
    void undefinedFeaturesAreAbsentAndDoNotKeepOldValues() {
        writer.write(new FeatureVector("u1", "e1", 1_000, new double[] {10, 1}));
        writer.flush();
        writer.write(new FeatureVector("u1", "e2", 2_000, new double[] {Double.NaN, 2}));
        writer.flush();

        assertThat(stored("u1")).doesNotContainKey("spend_5m").containsEntry("tx_1h", "2.0");
    }

    @Test
    void hashesExpireAfterTheTtl() {
        writer.write(new FeatureVector("u1", "e1", 1_000, new double[] {10, 1}));
        writer.flush();

        long ttl = redis.pttl(FeatureStoreLayout.of(spec).key("u1"));
        assertThat(ttl).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
    }

    @Test
    void aFullBatchIsSentWithoutWaitingForAFlush() {
        for (int i = 0; i < 99; i++) {
            assertThat(writer.write(new FeatureVector("u" + i, "e" + i, i, new double[] {i, i}))).isNull();
        }
        assertThat(writer.write(new FeatureVector("u99", "e99", 99, new double[] {1, 1})).written()).isEqualTo(100);
    }

    @Test
    void scriptLostByTheServerIsLoadedAgain() {
        redis.scriptFlush();
        writer.write(new FeatureVector("u1", "e1", 1_000, new double[] {10, 1}));

        assertThat(writer.flush().written()).isEqualTo(1);
    }

    /**
     * A key under the prefix that is not a hash (another application's) fails the flush naming the key and the
     * prefix, and keeps its value: Redis's own "WRONGTYPE ... script: <sha>" named neither.
     */
    @Test
    void aKeyOfAnotherTypeUnderThePrefixFailsTheFlushNamingItAndThePrefix() {
        String key = FeatureStoreLayout.of(spec).key("u2");
        redis.set(key, "another application's");
        writer.write(new FeatureVector("u1", "e1", 1_000, new double[] {1, 1}));
        writer.write(new FeatureVector("u2", "e2", 1_000, new double[] {2, 2}));

        assertThatThrownBy(writer::flush).isInstanceOf(JedisDataException.class)
                .hasMessageContaining("Redis key '" + key + "' holds a string, not a feature hash")
                .hasMessageContaining("stores.redis.key_prefix '" + spec.keyPrefix() + "'");
        assertThat(redis.get(key)).isEqualTo("another application's");
    }

    @Test
    void closeAfterRedisDroppedTheConnectionDoesNotThrow() {
        redis.clientKill(ClientKillParams.clientKillParams().type(ClientType.NORMAL));
        for (int i = 0; i < 99; i++) {
            writer.write(new FeatureVector("u" + i, "e" + i, i, new double[] {i, i}));
        }

        assertThatThrownBy(writer::flush).as("the flush reports the dropped connection")
                .isInstanceOf(JedisConnectionException.class);
        assertThatCode(writer::close).as("closing in the task's cleanup").doesNotThrowAnyException();
    }
}

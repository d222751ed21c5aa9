package io.streamscore.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.flink.store.RedisConnector;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class EmbeddedRedisTest {
    @Test
    void startsARealRedisOnLoopbackAndStopsItOnClose() {
        String address;
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            address = redis.address();
            assertThat(address).startsWith("127.0.0.1:");
            try (Jedis jedis = RedisConnector.connect(address, null)) {
                assertThat(jedis.ping()).isEqualTo("PONG");
                assertThat(jedis.info("server")).contains("redis_version:7.");
            }
        }
        assertThatThrownBy(() -> {
            try (Jedis jedis = RedisConnector.connect(address, null)) {
                jedis.ping();
            }
        }).as("stopped on close").isInstanceOf(RuntimeException.class);
    }
}

package io.streamscore.flink.store;

import io.streamscore.spec.SecretValue;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/** Opens Jedis connections to a {@code host:port} address from the spec ({@code [::1]:6379} for IPv6). */
public final class RedisConnector {
    static final int TIMEOUT_MILLIS = 10_000;

    private RedisConnector() {}

    /** One connection, for a single-threaded writer. */
    public static Jedis connect(String address, SecretValue password) {
        return new Jedis(hostAndPort(address), config(password));
    }

    /** A thread-safe client over a pool of up to {@code maxConnections}, for concurrent readers. */
    public static RedisClient pooled(String address, SecretValue password, int maxConnections) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        return RedisClient.builder().hostAndPort(hostAndPort(address)).clientConfig(config(password))
                .poolConfig(pool).build();
    }

    private static DefaultJedisClientConfig config(SecretValue password) {
        return DefaultJedisClientConfig.builder()
                .password(SecretValue.reveal(password))
                .timeoutMillis(TIMEOUT_MILLIS)
                .clientName("streamscore")
                // The Lua compare and the pipelined HSETs speak RESP2; without this Jedis logs a warning per connection.
                .protocol(RedisProtocol.RESP2)
                .build();
    }

    static HostAndPort hostAndPort(String address) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HostAndPort(host, Integer.parseInt(address.substring(colon + 1)));
    }
}

package io.streamscore.flink.store;

import io.streamscore.serving.client.PemTrust;
import io.streamscore.spec.RedisStoreSpec;
import io.streamscore.spec.SecretValue;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Opens Jedis connections to the store a spec names: its {@code host:port} address ({@code [::1]:6379} for IPv6),
 * ACL user and password, and TLS. With TLS the server's certificate must chain to the spec's {@code tls_ca_file}
 * (or the JVM's trust store) and name the host connected to. Every client of the store (the sink, the
 * feature-serving API, the demo's summary) connects here, so they all speak to Redis the same way, and a refused
 * connection fails with a message naming the {@code stores.redis} field to fix ({@link RedisConnectionFailure}).
 */
public final class RedisConnector {
    static final int TIMEOUT_MILLIS = 10_000;

    private RedisConnector() {}

    /** One connection, for a single-threaded writer. */
    public static Jedis connect(RedisStoreSpec spec) {
        return connect(spec, TIMEOUT_MILLIS);
    }

    /**
     * One connection (logged in, over TLS when the spec says so) whose connect and reads time out after the given ms.
     */
    public static Jedis connect(RedisStoreSpec spec, int timeoutMillis) {
        try {
            return new Jedis(hostAndPort(spec.address()), config(spec, timeoutMillis));
        } catch (JedisException e) {
            throw explain(spec, e);
        }
    }

    /** One plain connection as the default user (tests, and checks against a local server). */
    public static Jedis connect(String address, SecretValue password) {
        return new Jedis(hostAndPort(address), config(null, password, null, TIMEOUT_MILLIS));
    }

    /**
     * A thread-safe client over a pool of up to {@code maxConnections}, for concurrent readers. Connects lazily (a
     * server down at start is no reason to refuse to start); pass its failures through {@link #explain}.
     */
    public static RedisClient pooled(RedisStoreSpec spec, int maxConnections) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        return RedisClient.builder().hostAndPort(hostAndPort(spec.address())).clientConfig(config(spec))
                .poolConfig(pool).build();
    }

    /** A failure talking to the spec's store, with a message naming the {@code stores.redis} field to fix. */
    public static JedisException explain(RedisStoreSpec spec, JedisException failure) {
        return RedisConnectionFailure.explain(spec, failure);
    }

    private static DefaultJedisClientConfig config(RedisStoreSpec spec) {
        return config(spec, TIMEOUT_MILLIS);
    }

    private static DefaultJedisClientConfig config(RedisStoreSpec spec, int timeoutMillis) {
        return config(spec.user(), spec.password(), spec.tls() ? socketFactory(spec) : null, timeoutMillis);
    }

    /** {@code tlsSockets} null: plain TCP. */
    private static DefaultJedisClientConfig config(String user, SecretValue password, SSLSocketFactory tlsSockets,
                                                   int timeoutMillis) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .user(user)
                .password(SecretValue.reveal(password))
                .timeoutMillis(timeoutMillis)
                .clientName("streamscore")
                // The Lua compare and the pipelined HSETs speak RESP2; without this Jedis logs a warning per
                // connection.
                .protocol(RedisProtocol.RESP2);
        if (tlsSockets != null) {
            // Verify that the certificate names the host connected to, as HTTPS does (Jedis's default too; explicit
            // so it never depends on one).
            SSLParameters identity = new SSLParameters();
            identity.setEndpointIdentificationAlgorithm("HTTPS");
            config.ssl(true).sslSocketFactory(tlsSockets).sslParameters(identity);
        }
        return config.build();
    }

    /**
     * Sockets trusting the spec's private CA (the JVM's default trust store when it names none) and presenting its
     * client certificate, if any.
     */
    static SSLSocketFactory socketFactory(RedisStoreSpec spec) {
        if (spec.tlsCa() == null && spec.tlsIdentity() == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            return PemTrust.sslContext(spec.tlsCa() == null ? null : spec.tlsCa().pem(), spec.tlsIdentity())
                    .getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the TLS files of stores.redis (tls_ca_file " + spec.tlsCa()
                    + ", client " + spec.tlsIdentity() + "): " + e.getMessage(), e);
        }
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

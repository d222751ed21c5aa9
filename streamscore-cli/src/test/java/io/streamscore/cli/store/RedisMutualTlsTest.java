package io.streamscore.cli.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.cli.serving.FeatureLookup;
import io.streamscore.cli.testing.JavaSerialization;
import io.streamscore.cli.testing.TlsRedisServer;
import io.streamscore.flink.store.FeatureVector;
import io.streamscore.flink.store.RedisFeatureWriter;
import io.streamscore.serving.client.TlsIdentity;
import io.streamscore.spec.RedisStoreSpec;
import io.streamscore.spec.SecretValue;
import io.streamscore.spec.TlsCaFile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Mutual TLS against a real redis-server that requires client certificates ({@code tls-auth-clients yes}, Redis's
 * default once TLS is on): with {@code tls_cert_file} and {@code tls_key_file} the sink's writer and the serving
 * API's lookup get in; without a certificate, or with one another CA signed, the connection fails naming the fields.
 */
class RedisMutualTlsTest {
    private static final String USER = "streamscore";
    private static final String PASSWORD = "test-only-password";

    private static TlsRedisServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TlsRedisServer.start(USER, PASSWORD, true);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RedisStoreSpec spec(TlsIdentity identity) throws Exception {
        return new RedisStoreSpec(server.address(), USER, new SecretValue("REDIS_PASSWORD", PASSWORD), true,
                TlsCaFile.read(server.caFile()), identity, "mtls:", Duration.ofMinutes(5), "transactions", "user_id",
                List.of("spend_5m"), 10);
    }

    private static TlsIdentity client(boolean trusted) throws Exception {
        return TlsIdentity.read(server.clientCertificate(trusted), server.clientKey(trusted));
    }

    @Test
    void aClientCertificateTheServerTrustsGetsWritesInAndServed() throws Exception {
        // The spec crosses to TaskManagers by Java serialization: the certificate and key travel inside it.
        RedisStoreSpec spec = JavaSerialization.copy(spec(client(true)));

        try (RedisFeatureWriter writer = RedisFeatureWriter.connect(spec)) {
            writer.write(new FeatureVector("u1", "e1", 1_000, new double[] {42}));
            assertThat(writer.flush()).isEqualTo(new RedisFeatureWriter.FlushResult(1, 0));
        }
        try (FeatureLookup lookup = FeatureLookup.connect(spec, 2)) {
            assertThat(lookup.get("u1").features()).isEqualTo(Map.of("spend_5m", 42.0));
        }
        assertThat(spec.toString()).doesNotContain("PRIVATE KEY").contains(server.clientKey(true).toString());
    }

    @Test
    void withoutAClientCertificateTheFieldsToSetAreNamed() throws Exception {
        RedisStoreSpec spec = spec(null);

        assertThatThrownBy(() -> {
            try (RedisFeatureWriter writer = RedisFeatureWriter.connect(spec)) {
                writer.write(new FeatureVector("u1", "e1", 1_000, new double[] {42}));
                writer.flush();
            }
        }).isInstanceOf(JedisConnectionException.class)
                .hasMessageContaining("requires a client certificate")
                .hasMessageContaining("`stores.redis.tls_cert_file` and `stores.redis.tls_key_file`");
    }

    @Test
    void aClientCertificateOfAnotherCaIsRefusedNamingIt() throws Exception {
        RedisStoreSpec spec = spec(client(false));

        try (FeatureLookup lookup = FeatureLookup.connect(spec, 2)) {
            assertThatThrownBy(() -> lookup.get("u1"))
                    .isInstanceOf(JedisConnectionException.class)
                    .hasMessageContaining("refused the client certificate")
                    .hasMessageContaining(server.clientCertificate(false).toString());
        }
    }
}

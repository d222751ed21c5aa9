package io.streamscore.cli.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.cli.serving.FeatureLookup;
import io.streamscore.cli.testing.JavaSerialization;
import io.streamscore.cli.testing.TlsRedisServer;
import io.streamscore.flink.store.FeatureVector;
import io.streamscore.flink.store.RedisFeatureWriter;
import io.streamscore.spec.RedisStoreSpec;
import io.streamscore.spec.SecretValue;
import io.streamscore.spec.TlsCaFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The feature store against a real redis-server that accepts only TLS and ACL users, as managed Redis services do:
 * the sink's writer and the serving API's lookup both log in and verify the server; every misconfiguration fails
 * with a message naming the {@code stores.redis} field to fix.
 */
class RedisTlsConnectionTest {
    private static final String USER = "streamscore";
    private static final String PASSWORD = "test-only-password";

    private static TlsRedisServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TlsRedisServer.start(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RedisStoreSpec spec(String address, String user, String password, boolean tls, Path ca)
            throws Exception {
        return new RedisStoreSpec(address, user, new SecretValue("REDIS_PASSWORD", password), tls,
                ca == null ? null : TlsCaFile.read(ca), null, "tls:", Duration.ofMinutes(5), "transactions", "user_id",
                List.of("spend_5m"), 10);
    }

    @Test
    void writesThroughTlsAsAnAclUserLandAndAreServed() throws Exception {
        // The spec crosses to TaskManagers by Java serialization: the CA's certificates travel inside it.
        RedisStoreSpec spec = JavaSerialization.copy(spec(server.address(), USER, PASSWORD, true, server.caFile()));

        try (RedisFeatureWriter writer = RedisFeatureWriter.connect(spec)) {
            writer.write(new FeatureVector("u1", "e1", 1_000, new double[] {42}));
            assertThat(writer.flush()).isEqualTo(new RedisFeatureWriter.FlushResult(1, 0));
        }
        try (FeatureLookup lookup = FeatureLookup.connect(spec, 2)) {
            FeatureLookup.Row row = lookup.get("u1");
            assertThat(row.found()).isTrue();
            assertThat(row.validAt()).isEqualTo(1_000);
            assertThat(row.features()).isEqualTo(Map.of("spend_5m", 42.0));
        }
    }

    @Test
    void wrongPasswordNamesUserAndPassword() throws Exception {
        RedisStoreSpec spec = spec(server.address(), USER, "wrong", true, server.caFile());

        assertThatThrownBy(() -> RedisFeatureWriter.connect(spec).close())
                .isInstanceOf(JedisAccessControlException.class)
                .hasMessageContaining("refused the login as user 'streamscore'").hasMessageContaining("WRONGPASS")
                .hasMessageContaining("check `stores.redis.user` and `stores.redis.password`");
    }

    @Test
    void unknownUserIsRefusedOnTheServingPathToo() throws Exception {
        RedisStoreSpec spec = spec(server.address(), "nobody", PASSWORD, true, server.caFile());

        try (FeatureLookup lookup = FeatureLookup.connect(spec, 2)) {
            assertThatThrownBy(() -> lookup.get("u1"))
                    .isInstanceOf(JedisAccessControlException.class)
                    .hasMessageContaining("refused the login as user 'nobody'")
                    .hasMessageContaining("`stores.redis.user`");
        }
    }

    @Test
    void certificateOfAnUntrustedCaIsRefused() throws Exception {
        RedisStoreSpec jvmTrustOnly = spec(server.address(), USER, PASSWORD, true, null);
        assertThatThrownBy(() -> RedisFeatureWriter.connect(jvmTrustOnly).close())
                .isInstanceOf(JedisConnectionException.class)
                .hasMessageContaining("the server's TLS certificate is not trusted")
                .hasMessageContaining("set `stores.redis.tls_ca_file` to the PEM file of the CA that signed it");

        RedisStoreSpec otherCa = spec(server.address(), USER, PASSWORD, true, server.otherCaFile());
        try (FeatureLookup lookup = FeatureLookup.connect(otherCa, 2)) {
            assertThatThrownBy(() -> lookup.getAll(List.of("u1", "u2")))
                    .isInstanceOf(JedisConnectionException.class)
                    .hasMessageContaining("is not trusted")
                    .hasMessageContaining("does not hold the CA that signed it");
        }
    }

    @Test
    void certificateForAnotherHostIsRefused() throws Exception {
        RedisStoreSpec spec = spec(server.addressNotInCertificate(), USER, PASSWORD, true, server.caFile());

        assertThatThrownBy(() -> RedisFeatureWriter.connect(spec).close())
                .isInstanceOf(JedisConnectionException.class)
                .hasMessageContaining("not issued for this host").hasMessageContaining("127.0.0.2")
                .hasMessageContaining("`stores.redis.address`");
    }

    @Test
    void plainClientAgainstTheTlsOnlyServerIsToldToUseTls() throws Exception {
        RedisStoreSpec spec = spec(server.address(), USER, PASSWORD, false, null);

        assertThatThrownBy(() -> RedisFeatureWriter.connect(spec).close())
                .isInstanceOf(JedisConnectionException.class)
                .hasMessageContaining("set `stores.redis.tls: true`");
    }
}

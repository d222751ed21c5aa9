package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stores.redis} for production servers: ACL user, TLS, a private CA; and TLS for PostgreSQL by URL. */
class RedisTlsSpecTest {
    private static final List<Map<String, Object>> FEATURES = List.of(
            Map.of("name", "user_tx_1h", "aggregation", "count", "window", "1h"));

    @TempDir
    Path dir;

    private SpecDraft production() {
        return SpecDraft.minimal().in(dir).set("features", FEATURES)
                .set("stores.redis.address", "redis.example.com:6379")
                .set("stores.redis.password", "${REDIS_PASSWORD}").env("REDIS_PASSWORD", "s3cret");
    }

    @Test
    void userTlsAndPrivateCaAreRead() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), pem(someCertificate()));

        RedisStoreSpec redis = production().set("stores.redis.user", "${REDIS_USER}").env("REDIS_USER", "streamscore")
                .set("stores.redis.tls", true).set("stores.redis.tls_ca_file", "ca.pem").load().stores().redis();

        assertThat(redis.user()).isEqualTo("streamscore");
        assertThat(redis.tls()).isTrue();
        assertThat(redis.tlsCa().path()).isEqualTo(dir.resolve("ca.pem").toAbsolutePath().normalize().toString());
        assertThat(redis.tlsCa().certificates()).containsExactly(someCertificate());
        // The certificates travel in the spec but print as the file's path; the password stays masked.
        assertThat(redis.toString()).contains("tlsCa=" + redis.tlsCa().path()).doesNotContain("BEGIN", "s3cret");
    }

    @Test
    void plainDefaultUserByDefault() {
        RedisStoreSpec redis = production().load().stores().redis();

        assertThat(redis.user()).isNull();
        assertThat(redis.tls()).isFalse();
        assertThat(redis.tlsCa()).isNull();
    }

    @Test
    void missingCaFileNamesTheField() {
        SpecError error = production().set("stores.redis.tls", true).set("stores.redis.tls_ca_file", "nope.pem")
                .onlyError();

        assertThat(error.path()).isEqualTo("stores.redis.tls_ca_file");
        assertThat(error.problem()).isEqualTo("CA file 'nope.pem' does not exist");
        assertThat(error.fix()).contains("PEM file", "BEGIN CERTIFICATE");
    }

    @Test
    void privateKeyGivenAsCaFileIsCalledAPrivateKey() throws Exception {
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");

        SpecError error = production().set("stores.redis.tls", true).set("stores.redis.tls_ca_file", "key.pem")
                .onlyError();

        assertThat(error.path()).isEqualTo("stores.redis.tls_ca_file");
        assertThat(error.problem()).isEqualTo("CA file 'key.pem' holds a private key (`-----BEGIN PRIVATE KEY-----`), "
                + "not a CA certificate");
    }

    @Test
    void caFileNeedsTls() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), pem(someCertificate()));

        SpecError error = production().set("stores.redis.tls_ca_file", "ca.pem").onlyError();

        assertThat(error.path()).isEqualTo("stores.redis.tls_ca_file");
        assertThat(error.fix()).contains("add `tls: true`");
    }

    @Test
    void userNeedsAPassword() {
        SpecError error = production().remove("stores.redis.password").set("stores.redis.user", "streamscore")
                .onlyError();

        assertThat(error.path()).isEqualTo("stores.redis.user");
        assertThat(error.fix()).contains("password: ${REDIS_PASSWORD}");
    }

    @Test
    void embeddedRedisStaysPlain() {
        SpecError error = production().set("stores.redis.address", "embedded").set("stores.redis.tls", true)
                .onlyError();

        assertThat(error.path()).isEqualTo("stores.redis.tls");
        assertThat(error.problem()).contains("embedded redis-server speaks plain TCP");
    }

    @Test
    void postgresTlsParametersPassThroughTheUrlUntouched() {
        String url = "jdbc:postgresql://db.example.com:5432/streamscore?sslmode=verify-full"
                + "&sslrootcert=/etc/streamscore/db-ca.pem";

        PostgresStoreSpec postgres = SpecDraft.minimal().set("stores.postgres.url", url).load().stores().postgres();

        assertThat(postgres.url()).isEqualTo(url);
    }

    private static X509Certificate someCertificate() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init((KeyStore) null);
        return ((X509TrustManager) trust.getTrustManagers()[0]).getAcceptedIssuers()[0];
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}

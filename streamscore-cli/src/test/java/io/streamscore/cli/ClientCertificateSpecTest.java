package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.cli.testing.TestCertificates;
import io.streamscore.cli.testing.TestModels;
import io.streamscore.serving.client.TlsIdentity;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import io.streamscore.spec.SpecValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls_cert_file} and {@code tls_key_file} (mutual TLS) of {@code model.remote} and {@code stores.redis}, with
 * the checked-in TEST-ONLY certificates: read into the spec when it loads, printed as paths only, and every wrong
 * combination refused at load, naming the key at fault.
 */
class ClientCertificateSpecTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        TestCertificates.copyTo(dir);
        TestModels.registry(Files.createDirectories(dir.resolve("models")));
        Files.writeString(dir.resolve("pkcs1.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
    }

    @Test
    void aRemoteModelsClientCertificateIsReadWithTheSpecAndPrintsAsItsPaths() throws Exception {
        PipelineSpec spec = SpecLoader.parse(remote("grpcs://127.0.0.1:8443", TestCertificates.CLIENT_CERTIFICATE,
                TestCertificates.CLIENT_KEY), dir);

        TlsIdentity identity = spec.model().orElseThrow().remoteScoring().orElseThrow().tlsIdentity();
        assertThat(identity.chain().get(0).getSubjectX500Principal().getName()).contains("TEST-ONLY client");
        assertThat(identity.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(spec.model().orElseThrow().remoteScoring().orElseThrow().toString())
                .contains(dir.resolve(TestCertificates.CLIENT_KEY).toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        String yaml = remote("https://127.0.0.1:8443", TestCertificates.CLIENT_CERTIFICATE, null);

        assertThatThrownBy(() -> SpecLoader.parse(yaml, dir)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("model.remote.tls_cert_file").hasMessageContaining("needs its key");
    }

    @Test
    void anotherCertificatesKeyIsRefusedOnTheKey() {
        String yaml = remote("https://127.0.0.1:8443", TestCertificates.CLIENT_CERTIFICATE,
                TestCertificates.SERVER_KEY);

        assertThatThrownBy(() -> SpecLoader.parse(yaml, dir)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("model.remote.tls_key_file")
                .hasMessageContaining("is not the key of the certificate");
    }

    @Test
    void aKeyNotInPkcs8IsRefusedWithTheConversion() {
        String yaml = remote("https://127.0.0.1:8443", TestCertificates.CLIENT_CERTIFICATE, "pkcs1.key");

        assertThatThrownBy(() -> SpecLoader.parse(yaml, dir)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("model.remote.tls_key_file").hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void aClientCertificateNeedsATlsUrl() {
        String yaml = remote("grpc://127.0.0.1:8081", TestCertificates.CLIENT_CERTIFICATE,
                TestCertificates.CLIENT_KEY);

        assertThatThrownBy(() -> SpecLoader.parse(yaml, dir)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("model.remote.tls_cert_file").hasMessageContaining("only matters with TLS");
    }

    @Test
    void redisTakesAClientCertificateWithTlsOnly() throws Exception {
        String files = "tls_cert_file: " + TestCertificates.CLIENT_CERTIFICATE + ", tls_key_file: "
                + TestCertificates.CLIENT_KEY;
        PipelineSpec spec = SpecLoader.parse(redis("tls: true, " + files), dir);
        assertThat(spec.stores().redis().tlsIdentity().keyPath())
                .isEqualTo(dir.resolve(TestCertificates.CLIENT_KEY).toString());

        assertThatThrownBy(() -> SpecLoader.parse(redis(files), dir)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("stores.redis.tls_cert_file").hasMessageContaining("add `tls: true`");
    }

    private static String remote(String url, String certificate, String key) {
        return base() + """
                model:
                  registry: %s
                  name: fraud
                  threshold: 0.5
                  remote: {url: "%s"%s%s}
                """.formatted(dir.resolve("models/registry"), url,
                certificate == null ? "" : ", tls_cert_file: " + certificate,
                key == null ? "" : ", tls_key_file: " + key);
    }

    private static String redis(String settings) {
        return base() + """
                features:
                  - {name: user_tx_1h, source: transactions, aggregation: count, window: 1h}
                stores:
                  redis: {address: "redis.example.com:6380", %s}
                """.formatted(settings);
    }

    private static String base() {
        return """
                name: mtls
                kafka: {bootstrap: embedded}
                sources:
                  transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
                outputs: {scores_topic: scores, alerts_topic: alerts, late_topic: late, dead_letter_topic: dead}
                """;
    }
}

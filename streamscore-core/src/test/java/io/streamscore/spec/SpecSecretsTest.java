package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecSecretsTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:15432/streamscore";

    private static SpecDraft postgresWithPassword(Object password) {
        return SpecDraft.minimal().set("stores.postgres", Map.of("url", URL, "user", "app", "password", password));
    }

    @Test
    void passwordReferenceIsResolvedFromTheEnvironment() {
        SecretValue password = postgresWithPassword("${PG_PASSWORD}").env("PG_PASSWORD", "s3cret")
                .load().stores().postgres().password();

        assertThat(password.reveal()).isEqualTo("s3cret");
        assertThat(password.variable()).isEqualTo("PG_PASSWORD");
    }

    @Test
    void missingVariableIsAnErrorNamingTheFieldAndTheVariable() {
        SpecError error = postgresWithPassword("${PG_PASSWORD}").onlyError();

        assertThat(error.path()).isEqualTo("stores.postgres.password");
        assertThat(error.problem()).isEqualTo("environment variable PG_PASSWORD is not set");
        assertThat(error.fix()).contains("export PG_PASSWORD=");
    }

    @Test
    void emptyVariableIsAnError() {
        SpecError error = postgresWithPassword("${PG_PASSWORD}").env("PG_PASSWORD", "").onlyError();

        assertThat(error.problem()).isEqualTo("environment variable PG_PASSWORD is empty");
    }

    @Test
    void literalPasswordIsRefusedWithoutBeingEchoed() {
        SpecError error = postgresWithPassword("hunter2").onlyError();

        assertThat(error.path()).isEqualTo("stores.postgres.password");
        assertThat(error.problem()).contains("only a reference to an environment variable is accepted")
                .doesNotContain("hunter2");
        assertThat(error.fix()).contains("password: ${PG_PASSWORD}").doesNotContain("hunter2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "//app:hunter2@127.0.0.1:5432/db          | a password in its user info | password: ${PG_PASSWORD}",
        "?user=a&password=hunter2                 | `password`                  | password: ${PG_PASSWORD}",
        "?sslmode=verify-full;PassWord=hunter2    | `password`                  | password: ${PG_PASSWORD}",
        "?sslkey=/k.pk8&sslpassword=hunter2       | `sslpassword`               | key file without a passphrase"})
    void credentialsInsideThePostgresUrlAreRefusedWithoutBeingEchoed(String url, String held, String fix) {
        String written = url.startsWith("?") ? URL + url : "jdbc:postgresql:" + url;
        SpecError error = SpecDraft.minimal().set("stores.postgres.url", written).onlyError();

        assertThat(error.path()).isEqualTo("stores.postgres.url");
        assertThat(error.problem()).contains("the URL holds " + held).doesNotContain("hunter2");
        assertThat(error.fix()).contains(fix).doesNotContain("hunter2");
    }

    @Test
    void aCredentialReachingThePostgresUrlFromAVariableIsRefusedToo() {
        SpecError error = SpecDraft.minimal().set("stores.postgres.url", "${PG_URL}")
                .env("PG_URL", URL + "?sslpassword=hunter2").onlyError();

        assertThat(error.problem()).contains("`sslpassword`").doesNotContain("hunter2");
        assertThat(SpecDraft.minimal().set("stores.postgres.url", URL + "?sslmode=verify-full&sslkey=/etc/k.pk8"
                + "&sslpasswordcallback=org.example.Prompt").errors()).as("a key file and a class are no secrets")
                .isEmpty();
    }

    @Test
    void secretsAreMaskedWhereverTheSpecIsPrinted() {
        PipelineSpec spec = postgresWithPassword("${PG_PASSWORD}").env("PG_PASSWORD", "s3cret")
                .set("features", StoresSectionTestFixtures.ONE_FEATURE)
                .set("stores.redis.password", "${REDIS_PASSWORD}").env("REDIS_PASSWORD", "r3dis")
                .set("stores.serving.token", "${SERVING_TOKEN}").env("SERVING_TOKEN", "t0k3n")
                .kafkaProperty("sasl.jaas.config", "PlainLoginModule required password=\"${KAFKA_PASSWORD}\";")
                .env("KAFKA_PASSWORD", "k4fka")
                .load();

        assertThat(spec.toString()).doesNotContain("s3cret", "r3dis", "t0k3n", "k4fka").contains("****");
        assertThat(spec.kafka().properties().get("sasl.jaas.config"))
                .isEqualTo("PlainLoginModule required password=\"k4fka\";");
        assertThat(spec.stores().serving().token().reveal()).isEqualTo("t0k3n");
    }

    @Test
    void literalKafkaCredentialIsRefused() {
        SpecError error = SpecDraft.minimal().kafkaProperty("ssl.truststore.password", "changeit").onlyError();

        assertThat(error.path()).isEqualTo("kafka.properties.ssl.truststore.password");
        assertThat(error.problem()).contains("holds a credential").doesNotContain("changeit");
    }

    @Test
    void anyKafkaPropertyMayReferenceAVariable() {
        KafkaSpec kafka = SpecDraft.minimal().kafkaProperty("client.id", "app-${HOSTNAME_X}")
                .env("HOSTNAME_X", "node7").load().kafka();

        assertThat(kafka.properties()).containsEntry("client.id", "app-node7");
        assertThat(kafka.toString()).contains("client.id=app-node7");
    }
}

package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KafkaSectionTest {
    @Test
    void bootstrapServerListIsKeptWithSpacesTrimmed() {
        KafkaSpec kafka = SpecDraft.minimal().set("kafka.bootstrap", "broker1:9092, 10.0.0.2:9093,[::1]:9094")
                .load().kafka();

        assertThat(kafka.bootstrap()).isEqualTo("broker1:9092,10.0.0.2:9093,[::1]:9094");
        assertThat(kafka.embedded()).isFalse();
    }

    @Test
    void embeddedIsAcceptedInAnyCase() {
        assertThat(SpecDraft.minimal().set("kafka.bootstrap", "Embedded").load().kafka().embedded()).isTrue();
    }

    @Test
    void serverWithoutPortIsAnError() {
        SpecError error = SpecDraft.minimal().set("kafka.bootstrap", "broker1:9092,broker2").onlyError();

        assertThat(error.path()).isEqualTo("kafka.bootstrap");
        assertThat(error.problem()).isEqualTo("'broker2' is not host:port (no port)");
        assertThat(error.fix()).contains("`embedded`", "host:port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"broker1:0", "broker1:70000"})
    void portOutsideOneTo65535IsAnError(String server) {
        SpecError error = SpecDraft.minimal().set("kafka.bootstrap", server).onlyError();

        assertThat(error.problem()).startsWith("port ").endsWith("in '" + server + "' is out of range");
        assertThat(error.fix()).isEqualTo("use a port from 1 to 65535");
    }

    @Test
    void trailingCommaIsAnEmptyServerEntry() {
        SpecError error = SpecDraft.minimal().set("kafka.bootstrap", "broker1:9092,").onlyError();

        assertThat(error.problem()).isEqualTo("'broker1:9092,' has an empty server entry");
    }

    @Test
    void clientPropertiesOfAnyScalarTypeBecomeText() {
        KafkaSpec kafka = SpecDraft.minimal().kafkaProperty("linger.ms", 5).kafkaProperty("enable.idempotence", true)
                .kafkaProperty("security.protocol", "SASL_SSL").load().kafka();

        assertThat(kafka.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "linger.ms", "5", "enable.idempotence", "true", "security.protocol", "SASL_SSL"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "linger.ms | -5 | Invalid value -5 for configuration linger.ms: Value must be at least 0",
            "transaction.timeout.ms | abc | Invalid value abc for configuration transaction.timeout.ms: Not a number",
            "security.protocol | PLAINTEXTT | Invalid value PLAINTEXTT for configuration security.protocol",
            "auto.offset.reset | middle | Invalid value middle for configuration auto.offset.reset",
            "max.request.size | 100000 | Invalid value 100000 for configuration max.request.size: the job's producers",
            "buffer.memory | 196607 | Invalid value 196607 for configuration buffer.memory: the job's producers"})
    void aValueKafkaRefusesIsAnErrorAtValidationNotInTheRunningJob(String name, String value, String problem) {
        SpecError error = SpecDraft.minimal().kafkaProperty(name, value).onlyError();

        assertThat(error.path()).isEqualTo("kafka.properties." + name);
        assertThat(error.problem()).startsWith(problem);
        assertThat(error.fix()).isEqualTo("write a value Kafka's clients accept for `" + name + "`");
    }

    @Test
    void valuesKafkaAcceptsPassAsWrittenAndPluginClassesAreNotLoaded() {
        KafkaSpec kafka = SpecDraft.minimal().kafkaProperty("security.protocol", "sasl_ssl")
                .kafkaProperty("ssl.endpoint.identification.algorithm", "").kafkaProperty("acks", "all")
                .kafkaProperty("sasl.login.callback.handler.class", "com.example.NotOnThisClassPath")
                .load().kafka();

        assertThat(kafka.properties()).containsEntry("security.protocol", "sasl_ssl")
                .containsEntry("sasl.login.callback.handler.class", "com.example.NotOnThisClassPath");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"lingerms | linger.ms", "ssl.truststore.pasword | ssl.truststore.password",
            "security.protocl | security.protocol", "compresion.type | compression.type"})
    void aNameOneOrTwoEditsFromAKafkaPropertyIsATypo(String written, String meant) {
        SpecError error = SpecDraft.minimal().kafkaProperty(written, "x").onlyError();

        assertThat(error.path()).isEqualTo("kafka.properties." + written);
        assertThat(error.problem()).isEqualTo("Kafka has no client property `" + written + "`");
        assertThat(error.fix()).startsWith("did you mean `" + meant + "`?");
    }

    @Test
    void aPluginsOwnSettingPassesThroughAndAnEmptyNameDoesNot() {
        assertThat(SpecDraft.minimal().kafkaProperty("my.interceptor.endpoint", "http://127.0.0.1:1").load().kafka()
                .properties()).containsEntry("my.interceptor.endpoint", "http://127.0.0.1:1");
        assertThat(SpecDraft.minimal().kafkaProperty("", "x").onlyError().problem())
                .isEqualTo("a client property has an empty name");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bootstrap.servers  | set `kafka.bootstrap` instead",
            "transactional.id   | set `outputs.transactional_id_prefix` instead",
            "isolation.level    | remove it",
            "enable.auto.commit | committed with Flink checkpoints",
            "group.id           | consumer group",
            "key.serializer     | remove it",
            "value.serializer   | source's `format`",
            "key.deserializer   | remove it",
            "value.deserializer | source's `format`"})
    void propertyStreamscoreControlsIsRefusedWithWhatToDoInstead(String property, String fix) {
        SpecError error = SpecDraft.minimal().kafkaProperty(property, "x").onlyError();

        assertThat(error.path()).isEqualTo("kafka.properties." + property);
        assertThat(error.problem()).isEqualTo("client property `" + property + "` is controlled by Streamscore");
        assertThat(error.fix()).contains(fix);
    }

    @Test
    void propertyWithListValueIsAnError() {
        SpecError error = SpecDraft.minimal().kafkaProperty("sasl.mechanism", List.of("PLAIN")).onlyError();

        assertThat(error.path()).isEqualTo("kafka.properties.sasl.mechanism");
        assertThat(error.problem()).endsWith("must be a text, number or true/false value, found a list");
    }

    @Test
    void kafkaSectionThatIsNotAMapNamesTheExpectedType() {
        SpecError error = SpecDraft.minimal().set("kafka", "localhost:9092").onlyError();

        assertThat(error.path()).isEqualTo("kafka");
        assertThat(error.problem()).isEqualTo(
                "expected a map of Kafka settings (bootstrap, properties), found text 'localhost:9092'");
        assertThat(error.fix()).contains("indented `key: value` lines");
    }

    @Test
    void credentialPropertiesAreKafkasPasswordConfigsExceptThePublicCertificates() {
        Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())
                .flatMap(definition -> definition.configKeys().values().stream())
                .filter(key -> !key.name.contains("certificate"))
                .forEach(key -> assertThat(SecretNames.isKafkaCredential(key.name)).as(key.name)
                        .isEqualTo(key.type == ConfigDef.Type.PASSWORD));
    }

    @Test
    void anInlinePrivateKeyMustBeAReference() {
        SpecError error = SpecDraft.minimal().kafkaProperty("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----")
                .onlyError();

        assertThat(error.path()).isEqualTo("kafka.properties.ssl.keystore.key");
        assertThat(error.problem()).contains("holds a credential").doesNotContain("BEGIN");
        assertThat(error.fix()).contains("ssl.keystore.key: ${KAFKA_SSL_KEYSTORE_KEY}");
    }

    @Test
    void settingsAboutATokenAreNotCredentials() {
        KafkaSpec kafka = SpecDraft.minimal()
                .kafkaProperty("sasl.oauthbearer.token.endpoint.url", "https://login.example.com/oauth2/token")
                .kafkaProperty("sasl.oauthbearer.client.credentials.client.id", "streamscore").load().kafka();

        assertThat(kafka.properties()).containsEntry("sasl.oauthbearer.token.endpoint.url",
                "https://login.example.com/oauth2/token");
        assertThat(kafka.toString()).contains("login.example.com", "client.id=streamscore");
    }

    @Test
    void aJaasConfigWithAReferencedUserAndALiteralPasswordIsRefusedNamingTheOption() {
        SpecError error = SpecDraft.minimal().kafkaProperty("sasl.jaas.config", "org.apache.kafka.common.security"
                + ".plain.PlainLoginModule required username=\"${U}\" password=\"hunter2\";").env("U", "app")
                .onlyError();

        assertThat(error.path()).isEqualTo("kafka.properties.sasl.jaas.config");
        assertThat(error.problem()).contains("option password").doesNotContain("hunter2");
        assertThat(error.fix()).contains("password=\"${KAFKA_PASSWORD}\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"clientSecret=\"s3cret\"", "token=abc", "privateKey=\"k\" password=\"${P}\""})
    void everySecretJaasOptionMustBeAReference(String options) {
        SpecError error = SpecDraft.minimal().kafkaProperty("sasl.jaas.config", "LoginModule required "
                + "clientId=\"app\" " + options + ";").env("P", "x").onlyError();

        assertThat(error.problem()).contains("holds a credential in the clear: option ");
    }

    @Test
    void aJaasConfigMayKeepItsUserAndKerberosKeyTabLiteral() {
        String config = "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true "
                + "keyTab=\"/etc/streamscore.keytab\" principal=\"app@EXAMPLE.COM\";";
        String scram = "ScramLoginModule required username=\"app\" password=\"${KAFKA_PASSWORD}\";";

        assertThat(SpecDraft.minimal().kafkaProperty("sasl.jaas.config", config).errors()).isEmpty();
        assertThat(SpecDraft.minimal().kafkaProperty("sasl.jaas.config", scram).env("KAFKA_PASSWORD", "pw").load()
                .kafka().properties()).containsEntry("sasl.jaas.config",
                        "ScramLoginModule required username=\"app\" password=\"pw\";");
    }
}

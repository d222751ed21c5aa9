package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
}

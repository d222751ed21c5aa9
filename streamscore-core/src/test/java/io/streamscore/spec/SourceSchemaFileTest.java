package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceSchemaFileTest {
    private static final String PAYMENT_AVSC = """
            {"type": "record", "name": "payment", "fields": [
              {"name": "payment_id", "type": "string"},
              {"name": "account", "type": "long"},
              {"name": "ts", "type": "long"}
            ]}
            """;

    @TempDir
    Path dir;

    @Test
    void relativeAvscPathResolvesAgainstTheSpecFolder() throws IOException {
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/payment.avsc"), PAYMENT_AVSC);
        Path specFile = dir.resolve("pipeline.yaml");
        Files.writeString(specFile, paymentSource(SpecDraft.minimal()).yaml());

        SourceSpec source = SpecLoader.load(specFile).sources().get(0);

        assertThat(source.schema().name()).isEqualTo("payment");
        assertThat(source.binding().keyField()).isEqualTo("account");
        assertThat(source.schema().fields()).hasSize(3);
    }

    @Test
    void missingAvscFileNamesWhereItLooked() {
        SpecError error = paymentSource(SpecDraft.minimal().in(dir)).onlyError();

        assertThat(error.path()).isEqualTo("sources.transactions.schema");
        assertThat(error.problem()).isEqualTo("schema file 'schemas/payment.avsc' does not exist (looked for "
                + dir.resolve("schemas/payment.avsc") + ")");
        assertThat(error.fix()).contains("resolved against the spec's folder " + dir);
    }

    @Test
    void avscThatIsNotValidAvroIsAnError() throws IOException {
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/payment.avsc"), "{\"type\": \"record\", \"name\": \"payment\"");

        SpecError error = paymentSource(SpecDraft.minimal().in(dir)).onlyError();

        assertThat(error.problem()).startsWith("schema file 'schemas/payment.avsc' is not a valid Avro schema: ");
        assertThat(error.fix()).contains("one Avro record schema");
    }

    @Test
    void avscWithUnsupportedFieldTypeIsAnError() throws IOException {
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/payment.avsc"), PAYMENT_AVSC.replace(
                "{\"name\": \"ts\", \"type\": \"long\"}",
                "{\"name\": \"ts\", \"type\": \"long\"}, {\"name\": \"tags\", \"type\": {\"type\": \"array\", "
                        + "\"items\": \"string\"}}"));

        SpecError error = paymentSource(SpecDraft.minimal().in(dir)).onlyError();

        assertThat(error.problem()).startsWith("schema file 'schemas/payment.avsc' cannot be used: field tags");
        assertThat(error.fix()).contains("string, double, float, long, int, boolean, enum");
    }

    @Test
    void defaultIdFieldMissingFromACustomSchemaSaysItWasTheDefault() throws IOException {
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/payment.avsc"), PAYMENT_AVSC);

        SpecError error = paymentSource(SpecDraft.minimal().in(dir)).remove("sources.transactions.id_field")
                .onlyError();

        assertThat(error.path()).isEqualTo("sources.transactions.id_field");
        assertThat(error.problem()).isEqualTo("the default field 'event_id' is not in schema 'payment'");
        assertThat(error.fix()).contains("payment_id, account, ts");
    }

    @Test
    void avscPathThatIsADirectorySaysSo() throws IOException {
        Files.createDirectories(dir.resolve("schemas/payment.avsc"));

        SpecError error = paymentSource(SpecDraft.minimal().in(dir)).onlyError();

        assertThat(error.problem()).isEqualTo("schema file 'schemas/payment.avsc' is a directory ("
                + dir.resolve("schemas/payment.avsc") + ")");
        assertThat(error.fix()).contains("name the .avsc file itself");
    }

    @Test
    void truncatedAvscSaysWhereItEndsWithoutParserInternals() throws IOException {
        writeSchema(PAYMENT_AVSC.strip().replaceAll("]}$", ""));

        SpecError error = paymentSource(SpecDraft.minimal().in(dir)).onlyError();

        assertThat(error.problem()).startsWith("schema file 'schemas/payment.avsc' is not a valid Avro schema: "
                + "Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 49)")
                .endsWith("at line 5, column 1").doesNotContain("Source:", "Exception");
    }

    @Test
    void emptyAvscIsCalledEmpty() throws IOException {
        writeSchema("\n");

        SpecError error = paymentSource(SpecDraft.minimal().in(dir)).onlyError();

        assertThat(error.problem()).isEqualTo("schema file 'schemas/payment.avsc' is empty");
    }

    @Test
    void fieldsThatExpressionsWouldNameAlikeAreRefusedNamingBoth() throws IOException {
        writeSchema(PAYMENT_AVSC.replace("{\"name\": \"ts\", \"type\": \"long\"}", "{\"name\": \"ts\", \"type\": "
                + "\"long\"}, {\"name\": \"a_b\", \"type\": \"double\"}, {\"name\": \"a\", \"type\": {\"type\": "
                + "\"record\", \"name\": \"A\", \"fields\": [{\"name\": \"b\", \"type\": \"double\"}]}}"));

        SpecError error = paymentSource(SpecDraft.minimal().in(dir)).onlyError();

        assertThat(error.problem()).isEqualTo("schema file 'schemas/payment.avsc' has fields `a_b` and `a.b`, which "
                + "expressions would both call `a_b`");
    }

    @Test
    void fieldNamedByAReservedWordIsUsableWithATrailingUnderscore() throws IOException {
        writeSchema(PAYMENT_AVSC.replace("\"account\"", "\"class\""));
        SpecDraft draft = paymentSource(SpecDraft.minimal().in(dir)).set("sources.transactions.key", "payment_id");

        assertThat(draft.set("features", List.of(Map.of("name", "by_class", "expression", "class_ + 1"))).errors())
                .isEmpty();
        SpecError error = draft.set("features", List.of(Map.of("name", "by_class", "expression", "class + 1")))
                .onlyError();
        assertThat(error.problem()).isEqualTo("'class + 1': `class` is a reserved word of the expression language "
                + "at column 1");
        assertThat(error.fix()).isEqualTo("the field `class` is written `class_` in expressions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timestamp-micros", "timestamp-nanos", "local-timestamp-millis"})
    void eventTimeThatIsNotEpochMillisecondsIsRefused(String logicalType) throws IOException {
        writeSchema(PAYMENT_AVSC.replace("{\"name\": \"ts\", \"type\": \"long\"}", "{\"name\": \"ts\", \"type\": "
                + "{\"type\": \"long\", \"logicalType\": \"" + logicalType + "\"}}"));

        SpecError error = paymentSource(SpecDraft.minimal().in(dir)).onlyError();

        assertThat(error.path()).isEqualTo("sources.transactions.event_time");
        assertThat(error.problem()).isEqualTo("field 'ts' has logicalType " + logicalType + ", but the event time "
                + "must be epoch milliseconds");
    }

    @Test
    void eventTimeOfTimestampMillisIsAccepted() throws IOException {
        writeSchema(PAYMENT_AVSC.replace("{\"name\": \"ts\", \"type\": \"long\"}", "{\"name\": \"ts\", \"type\": "
                + "[\"null\", {\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}]}"));

        assertThat(paymentSource(SpecDraft.minimal().in(dir)).errors()).isEmpty();
    }

    private void writeSchema(String avsc) throws IOException {
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/payment.avsc"), avsc);
    }

    private static SpecDraft paymentSource(SpecDraft draft) {
        return draft.set("sources.transactions.schema", "schemas/payment.avsc")
                .set("sources.transactions.id_field", "payment_id")
                .set("sources.transactions.key", "account")
                .set("sources.transactions.event_time", "ts");
    }
}

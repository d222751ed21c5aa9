package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static SpecDraft paymentSource(SpecDraft draft) {
        return draft.set("sources.transactions.schema", "schemas/payment.avsc")
                .set("sources.transactions.id_field", "payment_id")
                .set("sources.transactions.key", "account")
                .set("sources.transactions.event_time", "ts");
    }
}

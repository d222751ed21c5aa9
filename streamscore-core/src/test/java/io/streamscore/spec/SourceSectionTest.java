package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceSectionTest {
    private static final String SOURCE = "sources.transactions.";

    @Test
    void missingSourcesSectionIsAnError() {
        SpecError error = SpecDraft.minimal().remove("sources").onlyError();

        assertThat(error.path()).isEqualTo("sources");
        assertThat(error.problem()).isEqualTo("required section `sources` is missing");
        assertThat(error.fix()).contains("map of source name to source");
    }

    @Test
    void sourcesWrittenAsAListNamesTheExpectedMap() {
        SpecError error = SpecDraft.minimal().set("sources", List.of(Map.of("topic", "transactions"))).onlyError();

        assertThat(error.path()).isEqualTo("sources");
        assertThat(error.problem()).isEqualTo("expected a map of source name to source, found a list");
    }

    @Test
    void emptySourcesMapIsAnError() {
        SpecError error = SpecDraft.minimal().set("sources", Map.of()).onlyError();

        assertThat(error.problem()).isEqualTo("`sources` has no source");
        assertThat(error.fix()).startsWith("add at least one source");
    }

    @Test
    void sourceNameMustBeSafeForIdsAndPaths() {
        SpecDraft draft = SpecDraft.minimal().set("sources.Card Payments", sourceMap()).remove("sources.transactions");

        SpecError error = draft.onlyError();
        assertThat(error.path()).isEqualTo("sources.Card Payments");
        assertThat(error.problem()).isEqualTo("'Card Payments' is not a valid source name");
        assertThat(error.fix()).contains("lowercase letters", "e.g. `card-payments`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"topic", "schema", "key", "event_time"})
    void requiredSourceKeyMissingIsReportedAtItsPath(String key) {
        SpecError error = SpecDraft.minimal().remove(SOURCE + key).onlyError();

        assertThat(error.path()).isEqualTo(SOURCE + key);
        assertThat(error.problem()).isEqualTo("required key `" + key + "` is missing");
        assertThat(error.fix()).startsWith("add `" + key + ": ");
    }

    @Test
    void topicWithIllegalCharactersIsAnError() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "topic", "card payments").onlyError();

        assertThat(error.path()).isEqualTo(SOURCE + "topic");
        assertThat(error.problem()).isEqualTo("'card payments' is not a valid Kafka topic name");
        assertThat(error.fix()).contains("1 to 249 characters from a-z, A-Z, 0-9, '.', '_' and '-'");
    }

    @Test
    void unknownSchemaNameSuggestsTheBuiltInOne() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "schema", "transactions").onlyError();

        assertThat(error.path()).isEqualTo(SOURCE + "schema");
        assertThat(error.problem()).isEqualTo("'transactions' is neither a built-in schema nor an .avsc file");
        assertThat(error.fix()).startsWith("did you mean `transaction`?")
                .contains("click, label, transaction, user_profile_change", ".avsc");
    }

    @Test
    void keyFieldNotInSchemaSuggestsTheClosestField() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "key", "usr_id").onlyError();

        assertThat(error.path()).isEqualTo(SOURCE + "key");
        assertThat(error.problem()).isEqualTo("field 'usr_id' is not in schema 'transaction'");
        assertThat(error.fix()).startsWith("did you mean `user_id`?").contains("of type string or long");
    }

    @Test
    void keyFieldOfTypeDoubleIsAnError() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "key", "amount").onlyError();

        assertThat(error.problem()).isEqualTo(
                "field 'amount' is a double field, but key must be a string or long field "
                        + "(the key events are grouped by)");
        assertThat(error.fix()).contains("user_id", "event_time").doesNotContain("amount");
    }

    /** The codecs take string and long ids only: this validated and then failed when the job built its codec. */
    @Test
    void idFieldOfTypeDoubleIsAnError() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "id_field", "amount").onlyError();

        assertThat(error.path()).isEqualTo(SOURCE + "id_field");
        assertThat(error.problem()).isEqualTo(
                "field 'amount' is a double field, but id_field must be a string or long field (the event id)");
    }

    @Test
    void eventTimeFieldMustBeALong() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "event_time", "country").onlyError();

        assertThat(error.path()).isEqualTo(SOURCE + "event_time");
        assertThat(error.problem()).contains("field 'country' is a string field", "must be a long field",
                "epoch milliseconds");
        assertThat(error.fix()).isEqualTo("use a field of schema 'transaction' of type long: event_time");
    }

    @Test
    void idFieldNotInSchemaIsAnError() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "id_field", "txn_id").onlyError();

        assertThat(error.path()).isEqualTo(SOURCE + "id_field");
        assertThat(error.problem()).isEqualTo("field 'txn_id' is not in schema 'transaction'");
    }

    @Test
    void formatIsCaseInsensitiveAndWrongFormatListsTheChoices() {
        assertThat(SpecDraft.minimal().set(SOURCE + "format", "AVRO").load().sources().get(0).format())
                .isEqualTo(Format.AVRO);

        SpecError error = SpecDraft.minimal().set(SOURCE + "format", "protobuf").onlyError();
        assertThat(error.path()).isEqualTo(SOURCE + "format");
        assertThat(error.problem()).isEqualTo("'protobuf' is not a valid format");
        assertThat(error.fix()).isEqualTo("use one of: json, avro, debezium_json (default json)");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        SourceSpec source = SpecDraft.minimal().set(SOURCE + "max_out_of_orderness", "250ms")
                .set(SOURCE + "idleness", "PT1M").set(SOURCE + "allowed_lateness", "2h").load().sources().get(0);

        assertThat(source.maxOutOfOrderness()).isEqualTo(Duration.ofMillis(250));
        assertThat(source.idleness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(source.allowedLateness()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void outOfOrdernessAboveOneDayIsOutOfRange() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "max_out_of_orderness", "2d").onlyError();

        assertThat(error.path()).isEqualTo(SOURCE + "max_out_of_orderness");
        assertThat(error.problem()).isEqualTo("'2d' is longer than the maximum 1d");
        assertThat(error.fix()).isEqualTo("write a duration from 0s to 1d (default 5s)");
    }

    @Test
    void idlenessBelowOneHundredMillisecondsIsOutOfRange() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "idleness", "10ms").onlyError();

        assertThat(error.problem()).isEqualTo("'10ms' is shorter than the minimum 100ms");
        assertThat(error.fix()).isEqualTo("write a duration from 100ms to 1d (default 30s)");
    }

    @Test
    void allowedLatenessAboveThirtyDaysSaysWhy() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "allowed_lateness", "31d").onlyError();

        assertThat(error.problem()).startsWith("'31d' is longer than the maximum 30d").contains("kept in state");
        assertThat(error.fix()).isEqualTo("write a duration from 0s to 30d (default 0s)");
    }

    @Test
    void negativeDurationIsAnErrorWithTheRange() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "allowed_lateness", "-5s").onlyError();

        assertThat(error.problem()).isEqualTo("'-5s' is negative");
        assertThat(error.fix()).contains("from 0s to 30d");
    }

    @Test
    void durationWithoutUnitOffersTheUnits() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "idleness", 30).onlyError();

        assertThat(error.problem()).isEqualTo("`30` has no unit");
        assertThat(error.fix()).startsWith("add a unit: 30ms, 30s, 30m, 30h or 30d");
    }

    @Test
    void bareZeroNeedsNoUnit() {
        assertThat(SpecDraft.minimal().set(SOURCE + "max_out_of_orderness", 0).load().sources().get(0)
                .maxOutOfOrderness()).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 seconds", "1.5m", "5sec", "soon"})
    void unreadableDurationNamesTheAcceptedForms(String written) {
        SpecError error = SpecDraft.minimal().set(SOURCE + "idleness", written).onlyError();

        assertThat(error.problem()).isEqualTo("'" + written + "' is not a duration");
        assertThat(error.fix()).contains("250ms, 5s, 10m, 1h, 30d", "PT5S");
    }

    @Test
    void durationWrittenAsAMapNamesTheExpectedType() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "idleness", Map.of("seconds", 5)).onlyError();

        assertThat(error.problem()).isEqualTo("expected a duration, found a map");
    }

    @Test
    void maxRecordBytesAboveSixteenMebibytesIsOutOfRange() {
        SpecError error = SpecDraft.minimal().set(SOURCE + "max_record_bytes", 20_000_000).onlyError();

        assertThat(error.path()).isEqualTo(SOURCE + "max_record_bytes");
        assertThat(error.problem()).isEqualTo("`20000000` is out of range: max_record_bytes must be between 1 and "
                + "16777216");
        assertThat(error.fix()).isEqualTo("write a whole number from 1 to 16777216 (default 1048576)");
    }

    @Test
    void unknownFormatIsTheOnlyErrorEvenWhenTheDefaultIdFieldWouldNotFit() {
        SpecError error = SpecDraft.minimal().set("sources.profiles", Map.of("topic", "user-profiles", "schema",
                "user_profile_change", "format", "debezium-json", "key", "after.user_id", "event_time", "ts_ms"))
                .onlyError();

        assertThat(error.path()).isEqualTo("sources.profiles.format");
        assertThat(error.fix()).startsWith("did you mean `debezium_json`?");
    }

    private static Map<String, String> sourceMap() {
        return Map.of("topic", "transactions", "schema", "transaction", "key", "user_id", "event_time",
                "event_time");
    }
}

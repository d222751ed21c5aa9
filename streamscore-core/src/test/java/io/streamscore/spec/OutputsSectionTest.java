package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputsSectionTest {
    @TempDir
    Path dir;

    @Test
    void missingOutputsSectionIsAnError() {
        SpecError error = SpecDraft.minimal().remove("outputs").onlyError();

        assertThat(error.path()).isEqualTo("outputs");
        assertThat(error.problem()).isEqualTo("required section `outputs` is missing");
        assertThat(error.fix()).contains("scores_topic", "dead_letter_topic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scores_topic", "alerts_topic", "late_topic", "dead_letter_topic"})
    void eachOutputTopicIsRequired(String key) {
        SpecError error = SpecDraft.minimal().remove("outputs." + key).onlyError();

        assertThat(error.path()).isEqualTo("outputs." + key);
        assertThat(error.problem()).isEqualTo("required key `" + key + "` is missing");
        assertThat(error.fix()).startsWith("add `" + key + ": ");
    }

    @Test
    void twoOutputsOnOneTopicIsAnErrorOnTheSecond() {
        SpecError error = SpecDraft.minimal().set("outputs.late_topic", "alerts").onlyError();

        assertThat(error.path()).isEqualTo("outputs.late_topic");
        assertThat(error.problem()).isEqualTo("topic 'alerts' is also outputs.alerts_topic; each output needs its "
                + "own topic");
        assertThat(error.fix()).contains("e.g. `fraud-late-events`");
    }

    @Test
    void topicsThatKafkaTellsApartOnlyByDotAgainstUnderscoreCollide() {
        SpecError error = SpecDraft.minimal().set("outputs.scores_topic", "fraud_scores")
                .set("outputs.alerts_topic", "fraud.scores").onlyError();

        assertThat(error.path()).isEqualTo("outputs.alerts_topic");
        assertThat(error.problem()).isEqualTo("topic 'fraud.scores' is to Kafka the same as 'fraud_scores' ('.' and "
                + "'_' collide in topic names), which is outputs.scores_topic; each output needs its own topic");
        assertThat(SpecDraft.minimal().set("outputs.late_topic", "transactions.").set("sources.transactions.topic",
                "transactions_").onlyError().problem()).startsWith("topic 'transactions.' is to Kafka the same as "
                + "'transactions_'");
    }

    @Test
    void outputOnASourceTopicIsAnError() {
        SpecError error = SpecDraft.minimal().set("outputs.dead_letter_topic", "transactions").onlyError();

        assertThat(error.path()).isEqualTo("outputs.dead_letter_topic");
        assertThat(error.problem()).isEqualTo("topic 'transactions' is also read by source 'transactions'; "
                + "results would be fed back into the pipeline");
    }

    @Test
    void guaranteeIsCaseInsensitiveAndTypoGetsASuggestion() {
        assertThat(SpecDraft.minimal().set("outputs.guarantee", "AT_LEAST_ONCE").load().outputs().guarantee())
                .isEqualTo(Guarantee.AT_LEAST_ONCE);

        SpecError error = SpecDraft.minimal().set("outputs.guarantee", "exactly-once").onlyError();
        assertThat(error.path()).isEqualTo("outputs.guarantee");
        assertThat(error.problem()).isEqualTo("'exactly-once' is not a valid guarantee");
        assertThat(error.fix()).isEqualTo(
                "did you mean `exactly_once`? use one of: exactly_once, at_least_once (default exactly_once)");
    }

    @Test
    void checkpointIntervalAboveFiveMinutesExplainsTheTransactionTimeout() {
        SpecError error = SpecDraft.minimal().set("outputs.checkpoint_interval", "10m").onlyError();

        assertThat(error.path()).isEqualTo("outputs.checkpoint_interval");
        assertThat(error.problem()).startsWith("'10m' is longer than the maximum 5m")
                .contains("exactly_once commits Kafka transactions at each checkpoint", "10 min transaction timeout");
        assertThat(error.fix()).isEqualTo("write a duration from 100ms to 5m (default 2s)");
    }

    @Test
    void checkpointIntervalBelowOneHundredMillisecondsIsAnError() {
        SpecError error = SpecDraft.minimal().set("outputs.checkpoint_interval", "50ms").onlyError();

        assertThat(error.problem()).isEqualTo("'50ms' is shorter than the minimum 100ms");
    }

    @Test
    void plainCheckpointDirBecomesAnAbsoluteFileUriInTheSpecFolder() {
        OutputsSpec outputs = SpecDraft.minimal().in(dir).set("outputs.checkpoint_dir", "state/checkpoints")
                .load().outputs();

        assertThat(outputs.checkpointDir()).isEqualTo(dir.resolve("state/checkpoints").toUri().toString());
        assertThat(outputs.checkpointDir()).startsWith("file:///");
    }

    @Test
    void checkpointDirUriIsKeptAsWritten() {
        assertThat(SpecDraft.minimal().set("outputs.checkpoint_dir", "s3://bucket/fraud/checkpoints").load()
                .outputs().checkpointDir()).isEqualTo("s3://bucket/fraud/checkpoints");
    }

    @Test
    void checkpointDirWithASchemeButNoSlashesIsAnErrorNotALocalFolder() {
        SpecError error = SpecDraft.minimal().set("outputs.checkpoint_dir", "s3:bucket/fraud").onlyError();

        assertThat(error.path()).isEqualTo("outputs.checkpoint_dir");
        assertThat(error.problem()).isEqualTo("'s3:bucket/fraud' starts like a URI but lacks '//' after the scheme");
        assertThat(error.fix()).startsWith("write e.g. `s3://bucket/fraud`");
    }

    @Test
    void checkpointDirUriWithASpaceIsAnError() {
        SpecError error = SpecDraft.minimal().set("outputs.checkpoint_dir", "s3://bucket/my checkpoints").onlyError();

        assertThat(error.path()).isEqualTo("outputs.checkpoint_dir");
        assertThat(error.problem()).startsWith("'s3://bucket/my checkpoints' is not a valid URI or path");
        assertThat(error.fix()).contains("s3://bucket/checkpoints", "leave it out");
    }

    @Test
    void transactionalIdPrefixWithSpacesIsAnError() {
        SpecError error = SpecDraft.minimal().set("outputs.transactional_id_prefix", "fraud prod").onlyError();

        assertThat(error.path()).isEqualTo("outputs.transactional_id_prefix");
        assertThat(error.problem()).isEqualTo("transactional id prefix 'fraud prod' is blank or contains whitespace");
        assertThat(error.fix()).contains("`streamscore-fraud`");
    }

    @Test
    void transactionalIdPrefixLongerThanKafkaSendsIsAnError() {
        SpecError error = SpecDraft.minimal().set("outputs.transactional_id_prefix", "x".repeat(40_000)).onlyError();

        assertThat(error.path()).isEqualTo("outputs.transactional_id_prefix");
        assertThat(error.problem()).isEqualTo("transactional id prefix is 40000 characters long, more than the "
                + "maximum 255 (Kafka refuses the producer's ids made of it)");
        assertThat(SpecDraft.minimal().set("outputs.transactional_id_prefix", "x".repeat(255)).errors()).isEmpty();
    }

    @Test
    void transactionalIdPrefixAsWrittenIsKept() {
        assertThat(SpecDraft.minimal().set("outputs.transactional_id_prefix", "prod-fraud-v2").load().outputs()
                .transactionalIdPrefix()).isEqualTo("prod-fraud-v2");
    }

    @Test
    void aCopyWithAnotherCheckpointIntervalKeepsTheRest() {
        OutputsSpec outputs = SpecDraft.minimal().load().outputs();

        OutputsSpec every60s = outputs.withCheckpointInterval(Duration.ofSeconds(60));

        assertThat(every60s.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(every60s.withCheckpointInterval(outputs.checkpointInterval())).isEqualTo(outputs);
        assertThatThrownBy(() -> outputs.withCheckpointInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }
}

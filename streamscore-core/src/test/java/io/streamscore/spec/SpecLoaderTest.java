package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
    private static final Path EXAMPLE = Path.of("../examples/fraud.yaml");

    @TempDir
    Path dir;

    @Test
    void fraudExampleLoadsWithItsTimingSettings() {
        PipelineSpec spec = SpecLoader.load(EXAMPLE);

        assertThat(spec.name()).isEqualTo("fraud");
        assertThat(spec.kafka().embedded()).isTrue();
        SourceSpec source = spec.sources().get(0);
        assertThat(source.name()).isEqualTo("transactions");
        assertThat(source.schema().name()).isEqualTo("transaction");
        assertThat(source.keyField()).isEqualTo("user_id");
        assertThat(source.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(source.allowedLateness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(source.idleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(SpecLoader.check(EXAMPLE)).isEmpty();
    }

    @Test
    void fraudExampleDeclaresItsFeaturesAndCardTestingAlert() {
        PipelineSpec spec = SpecLoader.load(EXAMPLE);

        assertThat(spec.features().windowed()).extracting(FeatureSpec::name).containsExactly("user_spend_5m",
                "user_tx_1h", "user_avg_amount_30d", "user_merchants_24h", "card_tx_10m", "card_small_tx_10m");
        assertThat(spec.features().windowed().get(5)).satisfies(feature -> {
            assertThat(feature.key()).containsExactly("card_id");
            assertThat(feature.filter()).isEqualTo("amount < 5");
        });
        assertThat(spec.features().derived()).extracting(DerivedFeatureSpec::name)
                .containsExactly("amount_vs_user_avg");
        assertThat(spec.alerts()).containsExactly(new AlertSpec("card_testing", "transactions",
                "card_small_tx_10m >= 5", Duration.ofMinutes(10)));
    }

    @Test
    void clickstreamExampleCountsClicksPerUserAndAlertsOnBots() {
        PipelineSpec spec = SpecLoader.load(Path.of("../examples/clickstream-bots.yaml"));

        assertThat(spec.sources()).extracting(SourceSpec::name).containsExactly("clicks");
        assertThat(spec.features().windowed()).singleElement().satisfies(feature -> {
            assertThat(feature.name()).isEqualTo("clicks_1m");
            assertThat(feature.key()).containsExactly("user_id");
            assertThat(feature.window()).isEqualTo(Duration.ofMinutes(1));
        });
        assertThat(spec.alerts()).containsExactly(new AlertSpec("bot_suspect", "clicks", "clicks_1m > 50",
                Duration.ofMinutes(1)));
        assertThat(spec.outputs().alertsTopic()).isEqualTo("clickstream-alerts");
        assertThat(spec.runtime().stateBackend()).isEqualTo(StateBackend.HASHMAP);
    }

    @Test
    void leftOutKeysTakeTheirDefaults() {
        PipelineSpec spec = SpecDraft.minimal().load();

        assertThat(spec.kafka()).isEqualTo(new KafkaSpec(KafkaSpec.EMBEDDED, java.util.Map.of()));
        SourceSpec source = spec.sources().get(0);
        assertThat(source.format()).isEqualTo(Format.JSON);
        assertThat(source.idField()).isEqualTo("event_id");
        assertThat(source.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(source.idleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(source.allowedLateness()).isEqualTo(Duration.ZERO);
        assertThat(source.maxRecordBytes()).isEqualTo(1 << 20);
        assertThat(spec.outputs().guarantee()).isEqualTo(Guarantee.EXACTLY_ONCE);
        assertThat(spec.outputs().checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(spec.outputs().checkpointDir()).isNull();
        assertThat(spec.outputs().transactionalIdPrefix()).isEqualTo("streamscore-fraud");
        assertThat(spec.runtime()).isEqualTo(new RuntimeSpec(2, StateBackend.ROCKSDB));
        assertThat(spec.features()).isEqualTo(FeaturesSpec.NONE);
        assertThat(spec.alerts()).isEmpty();
    }

    @Test
    void specWithManyProblemsReportsEveryOne() {
        SpecDraft draft = SpecDraft.minimal()
                .set("name", "Fraud Detection")
                .set("kafka.bootstrap", "broker1")
                .set("sources.transactions.allowed_lateness", "soon")
                .set("sources.transactions.key", "usr_id")
                .set("outputs.alerts_topic", "scores")
                .set("runtime.parallelism", 0)
                .set("joins", java.util.Map.of("name", "payments"))
                .set("feautres", List.of());

        assertThat(draft.errors()).extracting(SpecError::path).containsExactly(
                "name", "feautres", "kafka.bootstrap", "sources.transactions.key",
                "sources.transactions.allowed_lateness", "outputs.alerts_topic", "runtime.parallelism", "joins.name",
                "joins");
        assertThatThrownBy(draft::load).isInstanceOf(SpecValidationException.class)
                .satisfies(e -> assertThat(((SpecValidationException) e).errors()).hasSize(9))
                .hasMessageContaining("9 problem(s)");
    }

    @Test
    void emptyFileIsOneClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");

        assertThat(SpecLoader.check(file)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(SpecLoader.WHOLE_SPEC);
            assertThat(error.problem()).isEqualTo("the spec is empty");
            assertThat(error.fix()).contains("name", "sources", "outputs");
        });
    }

    @Test
    void invalidYamlIsReportedWithLineAndColumn() {
        String yaml = "name: fraud\nsources:\n  transactions:\n    topic: transactions\n   key: : user_id\n";

        assertThat(SpecLoader.check(yaml, dir)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(SpecLoader.WHOLE_SPEC);
            assertThat(error.problem()).isEqualTo("the spec is not valid YAML at line 5, column 4: "
                    + "expected <block end>, but found '<block mapping start>'");
            assertThat(error.fix()).contains("indent with spaces");
        });
    }

    @Test
    void tabIndentationIsNamedAsTheProblem() {
        assertThat(SpecLoader.check("name: fraud\nsources:\n\ttransactions: {}\n", dir)).singleElement()
                .satisfies(error -> assertThat(error.problem())
                        .startsWith("the spec is not valid YAML at line 3, column 1: found character")
                        .contains("Do not use \\t(TAB) for indentation"));
    }

    @Test
    void keyWrittenTwiceIsAnErrorInsteadOfLastOneWins() {
        String yaml = SpecDraft.MINIMAL + "name: other\n";

        assertThat(SpecLoader.check(yaml, dir)).singleElement().satisfies(error -> {
            assertThat(error.problem()).contains("line 13").contains("name");
            assertThat(error.fix()).contains("write each key once");
        });
    }

    @Test
    void topLevelListIsOneErrorAskingForAMap() {
        assertThat(SpecLoader.check("- name: fraud\n- sources: {}\n", dir)).singleElement().satisfies(error -> {
            assertThat(error.problem()).contains("must be a map of sections").endsWith("found a list");
            assertThat(error.fix()).contains("`key: value` lines");
        });
        assertThat(SpecLoader.check("fraud\n", dir)).singleElement()
                .satisfies(error -> assertThat(error.problem()).endsWith("found the single value 'fraud'"));
    }

    @Test
    void aliasIsRefusedAtTheKeyThatUsesItInsteadOfReadAsItsName() {
        String yaml = SpecDraft.MINIMAL.replace("scores_topic: scores", "scores_topic: &topic scores")
                .replace("alerts_topic: alerts", "alerts_topic: *topic");

        assertThat(SpecLoader.check(yaml, dir)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("outputs.alerts_topic");
            assertThat(error.problem()).isEqualTo("`*topic` at line 10 is a YAML alias; a spec does not use anchors "
                    + "and aliases");
            assertThat(error.fix()).contains("write the value itself here");
        });
    }

    @Test
    void nonFiniteNumberIsReportedAtItsKey() {
        String yaml = SpecDraft.MINIMAL + "model:\n  name: fraud\n  thresholds: [0.5, -.Inf]\n";

        assertThat(SpecLoader.check(yaml, dir)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("model.thresholds[1]");
            assertThat(error.problem()).isEqualTo("'-.Inf' at line 15 is not a finite number");
        });
        assertThat(SpecLoader.check(SpecDraft.MINIMAL + "model:\n  threshold: .nan\n", dir))
                .extracting(SpecError::path).containsExactly("model.threshold");
    }

    @Test
    void secondYamlDocumentIsRefusedInsteadOfIgnored() {
        assertThat(SpecLoader.check(SpecDraft.MINIMAL + "---\nname: other\n", dir)).singleElement()
                .satisfies(error -> {
                    assertThat(error.path()).isEqualTo("(file)");
                    assertThat(error.problem()).isEqualTo("the file holds 2 YAML documents; a spec is one");
                    assertThat(error.fix()).startsWith("remove the `---` at line 13");
                });
    }

    @Test
    void missingFileIsReportedWithItsAbsolutePath() {
        Path missing = dir.resolve("nope.yaml");

        assertThat(SpecLoader.check(missing)).singleElement().satisfies(error -> {
            assertThat(error.problem()).isEqualTo("spec file " + missing.toAbsolutePath() + " does not exist");
            assertThat(error.fix()).contains("check the path");
        });
        assertThatThrownBy(() -> SpecLoader.load(missing)).isInstanceOf(SpecValidationException.class);
    }

    @Test
    void errorPrintsPathProblemAndFixOnOneLine() {
        SpecError error = new SpecError("runtime.parallelism", "`0` is out of range", "write 1 to 1024");

        assertThat(error).hasToString("runtime.parallelism: `0` is out of range (fix: write 1 to 1024)");
        assertThat(new SpecError("", "the spec is empty", "write it")).hasToString("the spec is empty (fix: write it)");
    }
}

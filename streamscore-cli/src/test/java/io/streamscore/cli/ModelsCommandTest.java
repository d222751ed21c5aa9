package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.cli.testing.OneSplitModel;
import io.streamscore.cli.testing.TreeModels;
import io.streamscore.registry.ModelRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamscore models} in-process against a temporary registry, without Kafka. */
class ModelsCommandTest {
    private static final String DRAFT = """
            {
              "format": "xgboost-json",
              "feature_names": ["amount", "hour"],
              "objective": "binary:logistic",
              "training_time_range": {"from_millis": 1735689600000, "to_millis": 1746057600000},
              "metrics": {"auc": 0.91, "pr_auc": 0.42},
              "baselines": {
                "features": {
                  "amount": {"edges": [10, 100], "counts": [5, 50, 10], "missing": 1},
                  "hour": {"edges": [6, 18], "counts": [10, 40, 16], "missing": 0}
                },
                "score": {"edges": [0.5], "counts": [60, 6], "missing": 0}
              },
              "self_check": {"rows": [{"features": [12.5, 3], "expected_score": 0.12},
                                      {"features": ["NaN", 23], "expected_score": 0.87}], "tolerance": 1e-6}
            }
            """;

    @TempDir
    Path dir;

    private Path registry;
    private Path draft;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void writeInputs() throws IOException {
        registry = dir.resolve("registry");
        draft = Files.writeString(dir.resolve("draft.json"), DRAFT);
    }

    private int models(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> line = new ArrayList<>(List.of("models", "--registry", registry.toString()));
        line.addAll(List.of(args));
        return StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(line.toArray(String[]::new));
    }

    /**
     * A real model that {@link #DRAFT} describes: split on amount, 0.12 below 50 and 0.87 from 50 on or when the
     * amount is missing, as its self-check rows expect.
     */
    private static String draftsModel(double split) {
        return OneSplitModel.treeJson(List.of("amount", "hour"), split, logit(0.12), logit(0.87), false);
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private void registerVersions(int count) throws IOException {
        for (int i = 1; i <= count; i++) {
            Path model = Files.writeString(dir.resolve("model-" + i + ".json"), draftsModel(50 + i));
            assertThat(models("register", "fraud", "--file", model.toString(), "--manifest", draft.toString()))
                    .as(err::toString).isZero();
        }
    }

    @Test
    void registeredVersionIsListedWithoutAChampion() throws IOException {
        registerVersions(2);
        assertThat(out.toString()).contains("Registered fraud version 2 (xgboost-json, 2 features")
                .contains("streamscore models promote fraud 2");

        assertThat(models("list")).isZero();

        assertThat(out.toString()).containsPattern("fraud\\s+2\\s+2\\s+-\\s+-");
    }

    @Test
    void promoteAndRollbackSayWhatChangedAndShowTellsTheHistory() throws IOException {
        registerVersions(2);

        assertThat(models("promote", "fraud", "1", "--reason", "first")).isZero();
        assertThat(models("promote", "fraud", "2")).isZero();
        assertThat(out.toString()).contains("fraud: version 2 is the champion (was 1).");
        assertThat(models("rollback", "fraud", "--reason", "alert storm")).isZero();
        assertThat(out.toString()).contains("fraud: rolled back to version 1 (from 2).");

        assertThat(models("show", "fraud")).isZero();
        assertThat(out.toString()).contains("Model fraud: versions [1, 2]; champion 1; challengers none")
                .contains("promote to 1 (from -) by").contains(": first").contains("rollback to 1 (from 2) by")
                .contains("Version 1:").contains("features      amount, hour").contains("auc=0.91");
    }

    @Test
    void showJsonHasTheRequestedManifest() throws Exception {
        registerVersions(2);

        assertThat(models("show", "fraud", "--version", "2", "--json")).isZero();

        JsonNode shown = new ObjectMapper().readTree(out.toString());
        assertThat(shown.path("manifest").path("version").asInt()).isEqualTo(2);
        assertThat(shown.path("manifest").path("sha256").asText())
                .isEqualTo(ModelRegistry.open(registry).manifest("fraud", 2).sha256());
        assertThat(shown.path("rollout").path("champion").isNull()).isTrue();
    }

    @Test
    void canaryTakesATenthByDefaultAndCanBeRemoved() throws IOException {
        registerVersions(2);
        models("promote", "fraud", "1");

        assertThat(models("challenger", "fraud", "2", "--mode", "canary")).isZero();
        assertThat(out.toString())
                .contains("version 2 runs as a canary, deciding for 10.0% of the keys (all their events)");
        assertThat(ModelRegistry.open(registry).rollout("fraud").challengers()).hasSize(1);

        assertThat(models("challenger", "fraud", "2", "--remove")).isZero();
        assertThat(ModelRegistry.open(registry).rollout("fraud").challengers()).isEmpty();
    }

    @Test
    void challengerWithoutModeOrRemoveSaysWhichIsNeededWithItsOwnUsage() throws IOException {
        registerVersions(1);

        assertThat(models("challenger", "fraud", "1")).isEqualTo(2);

        assertThat(err.toString()).contains("give one of --mode or --remove: --mode shadow|canary runs version 1")
                .contains("Usage: streamscore models challenger").doesNotContain("Usage: streamscore models [");
    }

    @Test
    void aShareWithRemoveIsAUsageErrorAndTheCanaryStays() throws IOException {
        registerVersions(2);
        models("promote", "fraud", "1");
        models("challenger", "fraud", "2", "--mode", "canary", "--share", "0.3");

        assertThat(models("challenger", "fraud", "2", "--remove", "--share", "0.1")).isEqualTo(2);

        assertThat(err.toString()).contains("--share goes with --mode canary", "Usage: streamscore models challenger");
        assertThat(ModelRegistry.open(registry).rollout("fraud").challengers()).singleElement()
                .satisfies(canary -> assertThat(canary.share()).isEqualTo(0.3));
    }

    @Test
    void aCanaryShareOutsideZeroExclusiveToOneIsAUsageErrorAndNothingChanges() throws IOException {
        registerVersions(2);
        models("promote", "fraud", "1");

        for (String share : List.of("0", "-0.1", "NaN", "1.5")) {
            assertThat(models("challenger", "fraud", "2", "--mode", "canary", "--share", share)).as(share)
                    .isEqualTo(2);
            assertThat(err.toString()).as(share).contains("--share: ", "is outside (0, 1]",
                    "Usage: streamscore models challenger");
        }
        assertThat(ModelRegistry.open(registry).rollout("fraud").challengers()).isEmpty();

        assertThat(models("challenger", "fraud", "2", "--mode", "canary", "--share", "1")).isEqualTo(0);
        assertThat(ModelRegistry.open(registry).rollout("fraud").challengers()).singleElement()
                .satisfies(canary -> assertThat(canary.share()).isEqualTo(1.0));
    }

    @Test
    void unknownModelIsRefusedListingTheModelsThatExist() throws IOException {
        registerVersions(1);

        assertThat(models("promote", "frud", "1")).isEqualTo(ModelsCommand.REFUSED);

        assertThat(err.toString()).startsWith("error: no model 'frud' in registry").contains("models: fraud");
    }

    @Test
    void invalidDraftIsRefusedNamingTheField() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), DRAFT.replace("[10, 100]", "[100, 10]"));
        Path model = Files.writeString(dir.resolve("model.json"), "{}");

        assertThat(models("register", "fraud", "--file", model.toString(), "--manifest", bad.toString()))
                .isEqualTo(ModelsCommand.REFUSED);

        assertThat(err.toString()).contains("bad.json: baselines.features.amount: edges[1]: 10.0 is not greater");
        assertThat(registry).as("nothing registered, not even the registry created").doesNotExist();
    }

    @Test
    void aModelFileThatFailsItsSelfCheckOrDoesNotLoadIsNotRegistered() throws IOException {
        Path lying = Files.writeString(dir.resolve("lying.json"),
                OneSplitModel.treeJson(List.of("amount", "hour"), 50, logit(0.12), logit(0.87), true));
        Path notAModel = Files.writeString(dir.resolve("model.json"), "{\"trees\": 1}");
        Path oneFeature = Files.writeString(dir.resolve("one.json"),
                OneSplitModel.treeJson(List.of("amount"), 50, logit(0.12), logit(0.87), false));

        assertThat(models("register", "fraud", "--file", lying.toString(), "--manifest", draft.toString()))
                .isEqualTo(ModelsCommand.REFUSED);
        assertThat(err.toString()).startsWith("error: model file " + lying + " is refused: self-check failed: row 1 "
                + "scored 0.1199").contains("the manifest expects 0.87").contains("; nothing was registered");
        assertThat(models("register", "fraud", "--file", notAModel.toString(), "--manifest", draft.toString()))
                .isEqualTo(ModelsCommand.REFUSED);
        assertThat(err.toString()).startsWith("error: model file " + notAModel + " could not be loaded as "
                + "xgboost-json: ");
        assertThat(models("register", "fraud", "--file", oneFeature.toString(), "--manifest", draft.toString()))
                .isEqualTo(ModelsCommand.REFUSED);
        assertThat(err.toString()).contains("the model file has 1 features, the manifest names 2 [amount, hour]");
        assertThat(registry).as("nothing registered").doesNotExist();
    }

    @Test
    void aRegisteredVersionThatNoLongerLoadsIsNotPromotedNorRunAsChallenger() throws IOException {
        registerVersions(2);
        assertThat(models("promote", "fraud", "1")).isZero();
        Path version2 = registry.resolve("fraud").resolve("2").resolve("model.json");
        Files.writeString(version2, draftsModel(52).replace("\"5E-1\"", "\"6E-1\"")); // edited in place

        assertThat(models("promote", "fraud", "2")).isEqualTo(ModelsCommand.REFUSED);
        assertThat(err.toString()).startsWith("error: model 'fraud' version 2 could not be read from registry")
                .contains("does not match its manifest")
                .endsWith("; the registry is unchanged" + System.lineSeparator());
        // registered through the API (or by a Streamscore before the check), with a self-check it fails
        int lying = TreeModels.register(ModelRegistry.open(registry), "fraud", 0.1, 0.9, false, dir);
        assertThat(models("challenger", "fraud", Integer.toString(lying), "--mode", "shadow"))
                .isEqualTo(ModelsCommand.REFUSED);
        assertThat(err.toString()).startsWith("error: model 'fraud' version 3 is refused: self-check failed");
        assertThat(ModelRegistry.open(registry).rollout("fraud").champion()).isEqualTo(1);
        assertThat(ModelRegistry.open(registry).rollout("fraud").challengers()).isEmpty();
    }

    @Test
    void readingARegistryThatDoesNotExistIsRefusedNamingTheOption() {
        for (String[] read : List.of(new String[] {"list"}, new String[] {"show", "fraud"},
                new String[] {"promote", "fraud", "1"})) {
            assertThat(models(read)).as(String.join(" ", read)).isEqualTo(ModelsCommand.REFUSED);
            assertThat(err.toString()).contains("--registry " + registry + ": no registry there");
            assertThat(out.toString()).doesNotContain("No models");
        }
    }

    @Test
    void emptyRegistryThatExistsListsNoModels() throws IOException {
        Files.createDirectories(registry);

        assertThat(models("list")).isZero();

        assertThat(out.toString()).contains("No models in registry");
    }

    @Test
    void bootstrapWithoutControlTopicIsAUsageErrorBeforeAnyChange() throws IOException {
        registerVersions(1);

        assertThat(models("promote", "fraud", "1", "--bootstrap", "127.0.0.1:9092")).isEqualTo(2);

        assertThat(err.toString()).contains("--bootstrap and --control-topic go together");
        assertThat(ModelRegistry.open(registry).rollout("fraud").champion()).isNull();
    }

    @Test
    void kafkaConfigThatCannotBeReadOrWithoutBootstrapIsAUsageErrorBeforeAnyChange() throws IOException {
        registerVersions(1);
        Path missing = dir.resolve("missing.properties");

        assertThat(models("promote", "fraud", "1", "--bootstrap", "127.0.0.1:1", "--control-topic", "model-control",
                "--kafka-config", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-config " + missing + ": cannot read it as a properties file");
        assertThat(models("promote", "fraud", "1", "--kafka-config", draft.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-config configures the client of --bootstrap");

        assertThat(ModelRegistry.open(registry).rollout("fraud").champion()).isNull();
    }

    @Test
    void kafkaConfigReachesTheProducerSoItsSecuritySettingsApply() throws IOException {
        registerVersions(1);
        // SASL without a JAAS config: a producer built with these properties refuses to start.
        Path config = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n");

        int exit = models("promote", "fraud", "1", "--bootstrap", "127.0.0.1:1", "--control-topic", "model-control",
                "--publish-timeout", "1s", "--kafka-config", config.toString());

        assertThat(exit).isEqualTo(ModelsCommand.PUBLISH_FAILED);
        assertThat(err.toString()).contains("JAAS");
    }

    @Test
    void failedAnnouncementKeepsTheChangeAndExitsWithThree() throws IOException {
        registerVersions(1);

        int exit = models("promote", "fraud", "1", "--bootstrap", "127.0.0.1:1", "--control-topic", "model-control",
                "--publish-timeout", "1s");

        assertThat(exit).isEqualTo(ModelsCommand.PUBLISH_FAILED);
        assertThat(err.toString()).contains("error: the registry was changed, but announcing it on model-control");
        assertThat(out.toString()).contains("fraud: version 1 is the champion.")
                .contains("Not announced: PROMOTE").doesNotContain("Published");
        assertThat(ModelRegistry.open(registry).rollout("fraud").champion()).isEqualTo(1);
    }

    @Test
    void failedAnnouncementIsReportedAsNotPublishedInJson() throws Exception {
        registerVersions(1);

        int exit = models("promote", "fraud", "1", "--json", "--bootstrap", "127.0.0.1:1",
                "--control-topic", "model-control", "--publish-timeout", "1s");

        assertThat(exit).isEqualTo(ModelsCommand.PUBLISH_FAILED);
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("control_message").path("type").asText()).isEqualTo("PROMOTE");
        assertThat(result.path("published").asBoolean(true)).isFalse();
        assertThat(result.path("publish_error").asText()).isNotBlank();
    }

    @Test
    void changeWithoutControlTopicIsNotPublished() throws Exception {
        registerVersions(1);

        assertThat(models("promote", "fraud", "1", "--json")).isZero();

        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("control_message").isNull()).isTrue();
        assertThat(result.path("published").asBoolean(true)).isFalse();
        assertThat(result.has("publish_error")).isFalse();
    }

    @Test
    void listJsonIsOneDocumentForScripts() throws Exception {
        registerVersions(3);
        models("promote", "fraud", "3");

        assertThat(models("list", "--json")).isZero();

        JsonNode model = new ObjectMapper().readTree(out.toString()).path("models").get(0);
        assertThat(model.path("name").asText()).isEqualTo("fraud");
        assertThat(model.path("versions").toString()).isEqualTo("[1,2,3]");
        assertThat(model.path("champion").asInt()).isEqualTo(3);
    }
}

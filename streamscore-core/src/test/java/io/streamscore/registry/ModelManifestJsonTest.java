package io.streamscore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ModelManifestJsonTest {

    private static String manifestJsonWith(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode json = (ObjectNode) RegistryJson.MAPPER.readTree(RegistryJson.write(ManifestFixtures.manifest()));
        edit.accept(json);
        return json.toString();
    }

    private static ModelManifest read(String json) {
        return RegistryJson.read(json, ModelManifest.class, "manifest.json");
    }

    @Test
    void manifestSurvivesAJsonRoundTripIncludingMissingSelfCheckValues() {
        ModelManifest manifest = ManifestFixtures.manifest();

        ModelManifest read = read(RegistryJson.write(manifest));

        assertThat(read).isEqualTo(manifest);
        assertThat(read.selfCheck().rows().get(1).features()[0]).isNaN();
    }

    @Test
    void jsonUsesSnakeCaseKeysAndTheFormatId() {
        String json = RegistryJson.write(ManifestFixtures.manifest());

        assertThat(json).contains("\"feature_names\"", "\"training_time_range\"", "\"from_millis\"",
                "\"self_check\"", "\"expected_score\"", "\"created_at_millis\"", "\"pr_auc\"",
                "\"format\" : \"xgboost-json\"");
    }

    @Test
    void draftIgnoresTheFieldsTheRegistryAssigns() {
        ManifestDraft draft = RegistryJson.read(RegistryJson.write(ManifestFixtures.manifest()), ManifestDraft.class,
                "draft");

        assertThat(draft).isEqualTo(ManifestFixtures.draft());
    }

    @Test
    void invalidHistogramIsReportedAtItsJsonPath() throws Exception {
        String json = manifestJsonWith(root -> ((ArrayNode) root.with("baselines").with("features").with("hour")
                .withArray("edges")).set(1, -1.0));

        assertThatThrownBy(() -> read(json)).isInstanceOf(RegistryException.class)
                .hasMessage("manifest.json: baselines.features.hour: edges[1]: -1.0 is not greater than edges[0] = "
                        + "0.0; edges must be strictly increasing");
    }

    @Test
    void unknownKeyIsNamedWithTheKnownOnes() throws Exception {
        String json = manifestJsonWith(root -> root.put("featureNames", "amount"));

        assertThatThrownBy(() -> read(json)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("unknown key `featureNames`").hasMessageContaining("feature_names");
    }

    @Test
    void unsupportedFormatListsTheSupportedOnes() throws Exception {
        String json = manifestJsonWith(root -> root.put("format", "pmml"));

        assertThatThrownBy(() -> read(json)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("format").hasMessageContaining("'pmml' is not a supported model format")
                .hasMessageContaining("xgboost-json, onnx");
    }

    @Test
    void missingVersionIsRefusedNamingTheField() throws Exception {
        String json = manifestJsonWith(root -> root.remove("version"));

        assertThatThrownBy(() -> read(json))
                .hasMessage("manifest.json: version: required: a number, but it is missing or null");
    }

    @Test
    void everyFeatureNeedsABaselineHistogram() {
        Baselines onlyAmount = new Baselines(Map.of("amount", ManifestFixtures.histogram()),
                ManifestFixtures.histogram());

        assertThatThrownBy(() -> withBaselines(onlyAmount))
                .hasMessage("baselines.features: no histogram for feature 'hour'; "
                        + "every name in feature_names needs one");
    }

    @Test
    void baselineOfAnUnknownFeatureIsRefused() {
        Baselines extra = new Baselines(Map.of("amount", ManifestFixtures.histogram(),
                "hour", ManifestFixtures.histogram(), "country", ManifestFixtures.histogram()),
                ManifestFixtures.histogram());

        assertThatThrownBy(() -> withBaselines(extra))
                .hasMessageStartingWith("baselines.features.country: 'country' is not in feature_names");
    }

    private static ManifestDraft withBaselines(Baselines baselines) {
        ManifestDraft valid = ManifestFixtures.draft();
        return new ManifestDraft(valid.format(), valid.featureNames(), valid.objective(), valid.trainingTimeRange(),
                valid.metrics(), baselines, valid.selfCheck());
    }

    @Test
    void selfCheckRowsNeedOneValuePerFeature() throws Exception {
        String json = manifestJsonWith(root -> ((ObjectNode) root.with("self_check").withArray("rows").get(0))
                .putArray("features").add(1.0));

        assertThatThrownBy(() -> read(json))
                .hasMessageContaining("self_check.rows[0].features: 1 values, but feature_names has 2");
    }

    @Test
    void duplicateFeatureNamesAndOutOfRangeAucAreRefused() {
        ManifestDraft valid = ManifestFixtures.draft();

        assertThatThrownBy(() -> new ManifestDraft(valid.format(), List.of("amount", "amount"), valid.objective(),
                valid.trainingTimeRange(), valid.metrics(), valid.baselines(), valid.selfCheck()))
                .hasMessage("feature_names[1]: 'amount' appears twice");
        assertThatThrownBy(() -> new ManifestDraft(valid.format(), valid.featureNames(), valid.objective(),
                valid.trainingTimeRange(), Map.of("auc", 1.2), valid.baselines(), valid.selfCheck()))
                .hasMessage("metrics.auc: 1.2 is outside [0, 1]");
    }

    @Test
    void trainingRangeThatEndsBeforeItStartsIsRefused() throws Exception {
        String json = manifestJsonWith(root -> root.with("training_time_range").put("to_millis", 0));

        assertThatThrownBy(() -> read(json)).hasMessageContaining("training_time_range: from_millis (")
                .hasMessageContaining(") is after to_millis (0)");
    }

    @Test
    void registryAssignedFieldsAreValidated() {
        ManifestDraft draft = ManifestFixtures.draft();

        assertThatThrownBy(() -> ModelManifest.of("Fraud Model", 1, draft, 0, "a".repeat(64)))
                .hasMessageStartingWith("name: 'Fraud Model' is not a valid model name");
        assertThatThrownBy(() -> ModelManifest.of("fraud", 1, draft, 0, "abc"))
                .hasMessageStartingWith("sha256: 'abc' is not a SHA-256 digest");
    }
}

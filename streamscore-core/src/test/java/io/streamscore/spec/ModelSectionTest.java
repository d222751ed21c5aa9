package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSectionTest {
    private static SpecDraft withModel() {
        return SpecDraft.minimal().in(Path.of("/specs")).set("model", Map.of("registry", "models", "name", "fraud",
                "threshold", 0.7));
    }

    @TempDir
    Path dir;

    @Test
    void registryThatDoesNotExistYetIsAcceptedForTrainToCreate() {
        assertThat(withModel().in(dir).set("model.registry", "not-trained-yet").errors()).isEmpty();
    }

    @Test
    void registryThatIsARegularFileIsRefused() throws IOException {
        Files.writeString(dir.resolve("models"), "not a registry");

        for (String written : List.of("models", dir.resolve("models").toUri().toString())) {
            SpecError error = withModel().in(dir).set("model.registry", written).onlyError();

            assertThat(error.path()).isEqualTo("model.registry");
            assertThat(error.problem()).startsWith("registry '" + written + "' is a file (")
                    .endsWith("), not a directory");
            assertThat(error.fix()).contains("registry: models");
        }
    }

    @Test
    void absentModelMeansNoModel() {
        assertThat(SpecDraft.minimal().load().model()).isEmpty();
    }

    @Test
    void minimalModelGetsDefaults() {
        ModelSpec model = withModel().load().model().orElseThrow();

        assertThat(model.registry()).isEqualTo(Path.of("/specs/models").toAbsolutePath().toString());
        assertThat(model.name()).isEqualTo("fraud");
        assertThat(model.threshold()).isEqualTo(0.7);
        assertThat(model.controlTopic()).isEqualTo("fraud-model-control");
        assertThat(model.shadowTopic()).isEqualTo("scores-shadow");
        assertThat(model.includeFeatures()).isFalse();
        assertThat(model.rollback()).isEqualTo(ModelSpec.Rollback.DEFAULTS);
    }

    @Test
    void everyKeyIsRead() {
        ModelSpec model = withModel().set("model.registry", "file:///var/models")
                .set("model.control_topic", "ctl").set("model.shadow_topic", "shadow")
                .set("model.include_features", true)
                .set("model.rollback", Map.of("max_psi", 0.1, "min_events", 500, "max_latency", "20ms"))
                .load().model().orElseThrow();

        assertThat(model.registry()).isEqualTo("file:///var/models");
        assertThat(model.controlTopic()).isEqualTo("ctl");
        assertThat(model.shadowTopic()).isEqualTo("shadow");
        assertThat(model.includeFeatures()).isTrue();
        assertThat(model.rollback()).isEqualTo(new ModelSpec.Rollback(0.1, 500, Duration.ofMillis(20)));
    }

    @Test
    void missingThresholdSaysWhatItMeans() {
        SpecError error = withModel().remove("model.threshold").onlyError();

        assertThat(error.path()).isEqualTo("model.threshold");
        assertThat(error.problem()).contains("missing");
        assertThat(error.fix()).contains("threshold: 0.5");
    }

    @Test
    void thresholdOutsideZeroToOneIsRefused() {
        SpecError error = withModel().set("model.threshold", 1.5).onlyError();

        assertThat(error.path()).isEqualTo("model.threshold");
        assertThat(error.problem()).contains("out of range");
    }

    @Test
    void thresholdModelMeansEachVersionsOwn() {
        ModelSpec model = withModel().set("model.threshold", "model").load().model().orElseThrow();

        assertThat(model.thresholdFromModel()).isTrue();
        assertThat(withModel().load().model().orElseThrow().thresholdFromModel()).isFalse();
    }

    @Test
    void thresholdTextOtherThanModelNamesBothForms() {
        SpecError error = withModel().set("model.threshold", "modle").onlyError();

        assertThat(error.path()).isEqualTo("model.threshold");
        assertThat(error.problem()).contains("expected a number from 0 to 1 or `model`", "'modle'");
        assertThat(error.fix()).contains("threshold: 0.5", "threshold: model");
    }

    @Test
    void thresholdModelWithARemoteServerIsRefused() {
        SpecError error = withModel().set("model.threshold", "model")
                .set("model.remote", Map.of("url", "http://127.0.0.1:8080")).onlyError();

        assertThat(error.path()).isEqualTo("model.threshold");
        assertThat(error.problem()).contains("remote server's versions are not read");
        assertThat(error.fix()).contains("give a number");
    }

    @Test
    void missingRegistryNamesTheCommandThatMakesOne() {
        SpecError error = withModel().remove("model.registry").onlyError();

        assertThat(error.path()).isEqualTo("model.registry");
        assertThat(error.fix()).contains("streamscore models register");
    }

    @Test
    void invalidModelNameSuggestsAValidOne() {
        SpecError error = withModel().set("model.name", "Fraud Model").onlyError();

        assertThat(error.path()).isEqualTo("model.name");
        assertThat(error.fix()).contains("fraud-model");
    }

    @Test
    void shadowTopicMayNotBeAnOutput() {
        SpecError error = withModel().set("model.shadow_topic", "alerts").onlyError();

        assertThat(error.path()).isEqualTo("model.shadow_topic");
        assertThat(error.problem()).contains("outputs.alerts_topic");
    }

    @Test
    void controlTopicMayNotBeASource() {
        SpecError error = withModel().set("model.control_topic", "transactions").onlyError();

        assertThat(error.path()).isEqualTo("model.control_topic");
        assertThat(error.problem()).contains("source 'transactions'");
    }

    @Test
    void unknownRollbackKeyIsNamed() {
        SpecError error = withModel().set("model.rollback", Map.of("max_pis", 0.2)).onlyError();

        assertThat(error.path()).isEqualTo("model.rollback.max_pis");
        assertThat(error.fix()).contains("max_psi");
    }

    @Test
    void includeFeaturesMustBeABoolean() {
        SpecError error = withModel().set("model.include_features", "yes please").onlyError();

        assertThat(error.path()).isEqualTo("model.include_features");
        assertThat(error.fix()).contains("true");
    }
}

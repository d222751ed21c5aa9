package io.streamscore.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.registry.Baselines;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import io.streamscore.registry.TrainingTimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
    @TempDir
    Path dir;

    /** The hand-made model: feature 1 below 0.5 scores 0.5 + 0.25, else 0.5 - 0.75 (reg:squarederror). */
    private int register(ModelRegistry registry, ModelFormat format, double expectedLow) throws Exception {
        Path file = Files.writeString(dir.resolve("model-" + System.nanoTime() + ".json"),
                new HandMadeModelJson().json());
        return registry.register("fraud", file, draft(format, expectedLow)).version();
    }

    private static ManifestDraft draft(ModelFormat format, double expectedLow) {
        Histogram bins = new Histogram(new double[] {0.5}, new long[] {1, 1}, 0);
        return new ManifestDraft(format, List.of("amount", "hour"), "reg:squarederror",
                new TrainingTimeRange(0, 1), Map.of(), new Baselines(Map.of("amount", bins, "hour", bins), bins),
                new SelfCheck(List.of(new SelfCheckRow(new double[] {0, 0.2}, expectedLow),
                        new SelfCheckRow(new double[] {0, 0.9}, -0.25)), 1e-6));
    }

    @Test
    void versionThatPassesItsSelfCheckServes() throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        int version = register(registry, ModelFormat.XGBOOST_JSON, 0.75);

        ModelLoader.LoadedModel loaded = new ModelLoader(registry, ModelLoader.BY_FORMAT).load("fraud", version);

        assertThat(loaded.version()).isEqualTo(version);
        assertThat(loaded.scorer().score(new double[] {0, 0.1})).isEqualTo(0.75);
    }

    @Test
    void versionWhoseSelfCheckDisagreesIsRefusedWithTheRow() throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        int version = register(registry, ModelFormat.XGBOOST_JSON, 0.5);

        assertThatThrownBy(() -> new ModelLoader(registry, ModelLoader.BY_FORMAT).load("fraud", version))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model 'fraud' version 1 is refused")
                .hasMessageContaining("row 0 scored 0.75")
                .hasMessageContaining("expects 0.5");
    }

    @Test
    void unreadableModelIsRefusedNamingTheVersion() throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        int version = register(registry, ModelFormat.XGBOOST_JSON, 0.75);
        ScorerFactory broken = (manifest, bytes) -> {
            throw new ModelLoadException("truncated");
        };

        assertThatThrownBy(() -> new ModelLoader(registry, broken).load("fraud", version))
                .hasMessage("model 'fraud' version 1 could not be loaded: truncated");
    }

    @Test
    void onnxVersionConvertedFromTheSameTreesServesAndPassesTheSameSelfCheck() throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        Path json = Files.writeString(dir.resolve("hand.json"), new HandMadeModelJson().json());
        Path onnx = dir.resolve("hand.onnx");
        XGBoostToOnnx.convert(json, onnx);
        int version = registry.register("fraud", onnx, draft(ModelFormat.ONNX, 0.75)).version();

        ModelLoader.LoadedModel loaded = new ModelLoader(registry, ModelLoader.BY_FORMAT).load("fraud", version);

        try (Scorer scorer = loaded.scorer()) {
            assertThat(scorer.info().format()).isEqualTo(ModelFormat.ONNX);
            assertThat(scorer.score(new double[] {0, 0.9})).isEqualTo(-0.25);
        }
    }

    @Test
    void jsonRegisteredAsOnnxIsRefusedByOnnxRuntime() throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        int version = register(registry, ModelFormat.ONNX, 0.75);

        assertThatThrownBy(() -> new ModelLoader(registry, ModelLoader.BY_FORMAT).load("fraud", version))
                .hasMessageContaining("model 'fraud' version 1 could not be loaded: ONNX Runtime cannot load");
    }
}

package io.streamscore.scoring;

import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Loads a registry version into a scorer that is safe to serve: the model bytes (checksum verified by the
 * registry), a scorer from the {@link ScorerFactory}, the model's own feature count checked against the manifest,
 * and the manifest's self-check sample scored and compared. Anything wrong is a {@link ModelLoadException} that
 * names the version and the reason, and the caller keeps the version it had.
 */
public final class ModelLoader {
    /** Chooses the evaluator by the manifest's format. */
    public static final ScorerFactory BY_FORMAT = ModelLoader::byFormat;

    private final ModelRegistry registry;
    private final ScorerFactory factory;

    public ModelLoader(ModelRegistry registry, ScorerFactory factory) {
        this.registry = registry;
        this.factory = factory;
    }

    /** A checked scorer for {@code version} of {@code name}; the caller owns (and closes) it. */
    public LoadedModel load(String name, int version) {
        String what = "model '" + name + "' version " + version;
        ModelManifest manifest;
        byte[] bytes;
        try {
            manifest = registry.manifest(name, version);
            bytes = registry.modelBytes(name, version);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(what + " could not be read from registry " + registry.root() + ": "
                    + e.getMessage(), e);
        }
        Scorer scorer;
        try {
            scorer = factory.create(manifest, bytes);
        } catch (RuntimeException e) {
            throw new ModelLoadException(what + " could not be loaded: " + e.getMessage(), e);
        }
        try {
            checkFeatures(manifest.featureNames(), scorer);
            selfCheck(manifest.selfCheck(), scorer);
        } catch (ModelLoadException e) {
            scorer.close();
            throw new ModelLoadException(what + " is refused: " + e.getMessage(), e);
        }
        return new LoadedModel(manifest, scorer);
    }

    /**
     * Checks a model file against its manifest draft as {@link #load} checks a registered version (it loads, has the
     * draft's features, passes its self-check), so that a version that could never serve is not registered.
     *
     * @throws ModelLoadException naming {@code file} and the reason
     */
    public static void checkBeforeRegistering(String file, ManifestDraft draft, byte[] bytes) {
        Scorer scorer;
        try {
            scorer = byFormat(draft.format(), bytes);
        } catch (RuntimeException e) {
            throw new ModelLoadException("model file " + file + " could not be loaded as " + draft.format().id()
                    + ": " + e.getMessage(), e);
        }
        try (scorer) {
            checkFeatures(draft.featureNames(), scorer);
            selfCheck(draft.selfCheck(), scorer);
        } catch (ModelLoadException e) {
            throw new ModelLoadException("model file " + file + " is refused: " + e.getMessage(), e);
        }
    }

    private static Scorer byFormat(ModelManifest manifest, byte[] bytes) {
        return byFormat(manifest.format(), bytes);
    }

    private static Scorer byFormat(ModelFormat format, byte[] bytes) {
        return switch (format) {
            case XGBOOST_JSON -> XGBoostJsonModel.load(new ByteArrayInputStream(bytes)).scorer();
            // The model's own names (metadata, else f0..) so checkFeatures compares them with the manifest's; the
            // scorer owns the session: closing it (when the version is replaced) frees ORT's native memory.
            case ONNX -> OnnxModel.load(bytes, List.of()).owningScorer();
        };
    }

    private static void checkFeatures(List<String> declared, Scorer scorer) {
        String[] own = scorer.featureNames();
        if (own.length != declared.size()) {
            throw new ModelLoadException("the model file has " + own.length + " features, the manifest names "
                    + declared.size() + " " + declared);
        }
        boolean generic = true;
        for (int i = 0; i < own.length; i++) {
            generic &= own[i].equals("f" + i);
        }
        if (!generic && !Arrays.asList(own).equals(declared)) {
            throw new ModelLoadException("the model file's features " + Arrays.toString(own)
                    + " are not the manifest's feature_names " + declared + " in the same order");
        }
    }

    /** Scores every stored row and compares with the score the model gave at training, within the tolerance. */
    static void selfCheck(SelfCheck check, Scorer scorer) {
        List<SelfCheckRow> rows = check.rows();
        for (int i = 0; i < rows.size(); i++) {
            SelfCheckRow row = rows.get(i);
            double actual;
            try {
                actual = scorer.score(row.features());
            } catch (RuntimeException e) {
                throw new ModelLoadException("self-check row " + i + " could not be scored: " + e.getMessage(), e);
            }
            if (!(Math.abs(actual - row.expectedScore()) <= check.tolerance())) {
                throw new ModelLoadException("self-check failed: row " + i + " scored " + actual + ", the manifest "
                        + "expects " + row.expectedScore() + " (tolerance " + check.tolerance() + ")");
            }
        }
    }

    /** A version that passed its checks, with the scorer that serves it. */
    public record LoadedModel(ModelManifest manifest, Scorer scorer) {
        public int version() {
            return manifest.version();
        }
    }
}

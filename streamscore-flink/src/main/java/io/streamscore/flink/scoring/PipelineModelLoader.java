package io.streamscore.flink.scoring;

import io.streamscore.event.EventSchema;
import io.streamscore.registry.ModelManifest;
import io.streamscore.scoring.ModelInput;
import io.streamscore.scoring.ModelLoadException;
import io.streamscore.scoring.ModelLoader;
import io.streamscore.scoring.ModelLoader.LoadedModel;
import java.util.List;
import java.util.Map;

/**
 * Loads a registry version for this pipeline: {@link ModelLoader}'s checks (checksum, feature count, self-check),
 * then every model input must come from a feature column or a numeric field of each source that is scored. An input
 * that nothing provides would be missing on every event, so the model would give every event much the same score,
 * which neither the self-check nor the canary guard notices: such a version is refused like one that fails its
 * self-check (a typo in {@code feature_names}, or a model trained for another pipeline). With
 * {@code threshold: model} a version must record its decision threshold, or it could not decide.
 */
final class PipelineModelLoader {
    private final ModelLoader loader;
    private final List<String> featureColumns;
    private final Map<String, EventSchema> schemas;
    private final boolean thresholdFromModel;

    /**
     * @param featureColumns     the pipeline's feature columns, in {@code Event.features} order
     * @param schemas            the schema of every source whose events are scored, by source name
     * @param thresholdFromModel {@code threshold: model}: each version decides with the threshold it records
     */
    PipelineModelLoader(ModelLoader loader, List<String> featureColumns, Map<String, EventSchema> schemas,
                        boolean thresholdFromModel) {
        this.loader = loader;
        this.featureColumns = featureColumns;
        this.schemas = schemas;
        this.thresholdFromModel = thresholdFromModel;
    }

    /** A checked scorer whose inputs this pipeline provides; the caller owns (and closes) it. */
    LoadedModel load(String name, int version) {
        LoadedModel model = loader.load(name, version);
        List<String> inputs = model.manifest().featureNames();
        for (Map.Entry<String, EventSchema> source : schemas.entrySet()) {
            List<String> unresolved = ModelInput.resolve(inputs, featureColumns, source.getValue()).unresolved();
            if (!unresolved.isEmpty()) {
                model.scorer().close();
                throw new ModelLoadException("model '" + name + "' version " + version + " is refused: its inputs "
                        + unresolved + " are neither feature columns of the pipeline " + featureColumns
                        + " nor numeric fields of source " + source.getKey() + ", so they would always be missing");
            }
        }
        if (thresholdFromModel && Double.isNaN(model.manifest().recordedThreshold())) {
            model.scorer().close();
            throw new ModelLoadException("model '" + name + "' version " + version + " is refused: model.threshold is "
                    + "`model` and its manifest records no decision threshold (metrics."
                    + ModelManifest.THRESHOLD_METRIC + " in [0, 1], which `streamscore train` writes)");
        }
        return model;
    }
}

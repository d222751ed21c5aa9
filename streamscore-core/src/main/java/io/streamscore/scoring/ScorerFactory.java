package io.streamscore.scoring;

import io.streamscore.registry.ModelManifest;
import java.io.Serializable;

/**
 * Turns a registered model version into a {@link Scorer}: the seam where model formats (and remote model servers)
 * plug into the scoring stage. Serializable because a Flink operator carries it to its tasks; each task calls it
 * once per version it loads and owns the scorer it gets.
 */
@FunctionalInterface
public interface ScorerFactory extends Serializable {
    /**
     * @param manifest   the version's manifest (format, feature names in input order, objective)
     * @param modelBytes the model file, checksum already verified
     * @throws ModelLoadException when the model cannot be scored; the message says why
     */
    Scorer create(ModelManifest manifest, byte[] modelBytes);
}

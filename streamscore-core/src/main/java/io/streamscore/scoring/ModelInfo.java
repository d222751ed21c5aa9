package io.streamscore.scoring;

import io.streamscore.registry.ModelFormat;
import java.util.Objects;

/**
 * What a loaded model is, for logs, metrics labels and the model registry.
 *
 * @param format the serialized format it was loaded from
 * @param objective the training objective as the format names it (e.g. {@code binary:logistic}); it fixes what the
 *     score means
 * @param trees number of trees (0 for models that are not tree ensembles)
 * @param features number of input features a row must carry
 */
public record ModelInfo(ModelFormat format, String objective, int trees, int features) {
    public ModelInfo {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(objective, "objective");
        if (trees < 0 || features < 0) {
            throw new IllegalArgumentException("trees and features must be >= 0, got " + trees + ", " + features);
        }
    }
}

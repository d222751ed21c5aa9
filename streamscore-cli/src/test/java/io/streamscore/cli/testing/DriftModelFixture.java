package io.streamscore.cli.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.registry.ModelManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A registered model with real baselines, for drift tests: {@link OneSplitModel}'s tree on {@code amount},
 * split at the training data's median amount (score 0.269 below, 0.731 at or above), with the training amounts'
 * deciles and the training scores as baselines.
 */
public final class DriftModelFixture {
    public static final String MODEL = "drift-fraud";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftModelFixture() {}

    /** Registers and promotes the model in a registry at {@code registry}; returns its manifest. */
    public static ModelManifest register(Path registry, List<GeneratedRecord> training) throws IOException {
        double[] amounts = training.stream().mapToDouble(DriftModelFixture::amount).filter(a -> !Double.isNaN(a))
                .sorted().toArray();
        return OneSplitModel.register(registry, MODEL, amounts, amounts[amounts.length / 2], -1.0, 1.0);
    }

    static double amount(GeneratedRecord record) {
        try {
            return JSON.readTree(record.value()).path("amount").asDouble(Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

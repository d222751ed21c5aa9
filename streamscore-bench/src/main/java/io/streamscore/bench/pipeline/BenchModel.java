package io.streamscore.bench.pipeline;

import io.streamscore.cli.train.TrainerParams;
import io.streamscore.cli.train.TrainingInput;
import io.streamscore.cli.train.TrainingRun;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.train.TrainingSetBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmarked model: XGBoost, 100 trees of depth 6, trained with {@code streamscore train}'s own code on the
 * fraud spec's features replayed over generated payments, registered as the champion of {@code fraud} in a temporary
 * registry. Trained once per benchmark run; every measured pipeline with a model scores with it.
 */
record BenchModel(Path registry, ModelManifest manifest) {
    static final String NAME = "fraud";
    static final int TREES = 100;
    static final int DEPTH = 6;
    private static final long TRAINING_PAYMENTS = 50_000;

    static BenchModel train(PipelineSpec spec) throws IOException {
        Path registry = Files.createTempDirectory("streamscore-bench-registry");
        TrainingInput input = new TrainingInput.Generated(1, TRAINING_PAYMENTS, 5_000);
        TrainingSetBuilder builder = input.builder(spec);
        input.read(spec, builder);
        TrainingRun.Outcome outcome = TrainingRun.trainAndRegister(builder.build(0.2),
                new TrainerParams(TREES, DEPTH, TrainerParams.DEFAULT_ETA), ModelRegistry.open(registry.toString()),
                NAME, true);
        return new BenchModel(registry, outcome.manifest());
    }

    /** {@code spec} scoring every payment with this model (its control and shadow topics named after the pipeline). */
    PipelineSpec attach(PipelineSpec spec) {
        return spec.withModel(new ModelSpec(registry.toAbsolutePath().toString(), NAME, 0.5,
                spec.name() + "-model-control", ModelSpec.defaultShadowTopic(spec.outputs().scoresTopic()), false,
                ModelSpec.Rollback.DEFAULTS));
    }

    String describe() {
        return String.format("XGBoost %d trees depth %d (binary:logistic), trained by streamscore train's code on %,d "
                + "generated payments, holdout AUC %.3f", TREES, DEPTH, TRAINING_PAYMENTS,
                manifest.metrics().get("auc"));
    }
}

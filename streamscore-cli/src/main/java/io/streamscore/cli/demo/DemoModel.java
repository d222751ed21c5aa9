package io.streamscore.cli.demo;

import io.streamscore.cli.local.DirectoryCleaner;
import io.streamscore.cli.train.TrainerParams;
import io.streamscore.cli.train.TrainingInput;
import io.streamscore.cli.train.TrainingRun;
import io.streamscore.registry.ModelChecksum;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.spec.AlertSpec;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.MonitoringSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.train.TrainingSet;
import io.streamscore.train.TrainingSetBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fraud demo's default model: what {@code streamscore train SPEC --generate fraud --seed 1 --events N} makes
 * (generated payments replayed through the spec's features, XGBoost with the default parameters), trained once and
 * cached under a key of everything that decides its bytes (the spec's features, seed, payment count, trainer
 * version). Each demo run registers a copy as the champion of a registry the run owns and scores with the
 * holdout's best-F1 threshold from the manifest; the drift monitor watches the manifest's baselines, and the alert
 * rule {@value #FLAGGED_ALERT} raises one alert per user and 10 minutes of payments the model flags.
 */
public final class DemoModel {
    public static final String NAME = "demo-fraud";
    /** The demo's alert rule over the score: a payment scored at or above the threshold, once per user per 10 min. */
    public static final String FLAGGED_ALERT = "likely_fraud";
    /** Training data of the default model: generator seed and payments (about 50 s to train, once). */
    public static final long TRAINING_SEED = 1;
    public static final long DEFAULT_TRAINING_PAYMENTS = 200_000;
    /**
     * The customers (users, cards, merchants) of the training data, and of the live demo: a model is trained on its
     * customers' past payments and scores their new ones. Live payments from a population of another seed differ
     * for real: with 10,000 users at Zipf 1.1 the busiest user makes about 15% of the payments, and another
     * population's busiest user spends differently (PSI 0.12 on user_avg_amount_30d in the first judged minute,
     * 0.01 with the model's customers).
     */
    public static final long POPULATION_SEED = TRAINING_SEED;
    /** The simulated payment rate training data is generated at: the demo's and {@code train}'s default. */
    static final double TRAINING_RATE = 5000;
    static final MonitoringSpec.Drift DEMO_DRIFT = new MonitoringSpec.Drift(true, Duration.ofMinutes(1),
            Duration.ofSeconds(5), MonitoringSpec.Drift.DEFAULT_THRESHOLD, MonitoringSpec.Drift.DEFAULT_MIN_SAMPLES);

    /** The model the demo scores with, whether it came from the cache, and how to make it again. */
    public record Attached(PipelineSpec spec, ModelManifest manifest, boolean cached, String trainCommand) {
        public double threshold() {
            return manifest.metrics().get(ModelManifest.THRESHOLD_METRIC);
        }

        /** One line for the demo's output. */
        public String describe() {
            Map<String, Double> m = manifest.metrics();
            return String.format("Model: %s version %d (%s; holdout AUC %.3f, PR-AUC %.3f), threshold %.3f; "
                            + "reproduce with: %s", manifest.name(), manifest.version(),
                    cached ? "cached" : "trained now", m.get("auc"), m.get("pr_auc"), threshold(), trainCommand);
        }
    }

    private DemoModel() {}

    /**
     * Trains the default model for {@code spec} (or takes it from {@code cacheDir}), registers and promotes it in
     * the registry at {@code registry}, and returns {@code spec} scoring with it and watching it for drift.
     *
     * @param specPath how the spec's file is named in the reproducing command
     */
    public static Attached attach(PipelineSpec spec, String specPath, Path registry, Path cacheDir, long payments)
            throws IOException {
        Path entry = cacheDir.resolve(cacheKey(spec, TRAINING_SEED, payments));
        boolean cached = champion(entry).isPresent();
        if (!cached) {
            train(spec, payments, entry);
        }
        ModelRegistry trained = ModelRegistry.open(entry);
        ModelManifest source = champion(entry).orElseThrow();
        ModelManifest manifest = copy(trained, source, ModelRegistry.open(registry));
        ModelSpec model = new ModelSpec(registry.toAbsolutePath().toString(), NAME,
                manifest.metrics().get(ModelManifest.THRESHOLD_METRIC), ModelSpec.defaultControlTopic(NAME),
                ModelSpec.defaultShadowTopic(spec.outputs().scoresTopic()), false, ModelSpec.Rollback.DEFAULTS);
        List<AlertSpec> alerts = new ArrayList<>(spec.alerts());
        alerts.add(new AlertSpec(FLAGGED_ALERT, DemoGenerator.transactionSource(spec).name(),
                "score >= " + model.threshold(), Duration.ofMinutes(10)));
        PipelineSpec scoring = spec.withModel(model).withAlerts(alerts).withMonitoring(new MonitoringSpec(DEMO_DRIFT));
        return new Attached(scoring, manifest, cached, trainCommand(specPath, payments));
    }

    /** The {@code streamscore train} command that makes the same model bytes. */
    static String trainCommand(String specPath, long payments) {
        return "streamscore train " + specPath + " --generate fraud --seed " + TRAINING_SEED + " --events "
                + payments + " --registry DIR --name " + NAME + " --promote";
    }

    /** SHA-256 of what decides the model's bytes: the spec's features, the training data and the trainer. */
    static String cacheKey(PipelineSpec spec, long seed, long payments) {
        String identity = String.join("\n", spec.features().toString(),
                DemoGenerator.transactionSource(spec).schema().name(), "seed=" + seed, "events=" + payments,
                "rate=" + TRAINING_RATE, TrainerParams.TRAINER_VERSION, TrainerParams.DEFAULTS.toString());
        return ModelChecksum.sha256(identity.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<ModelManifest> champion(Path entry) throws IOException {
        return Files.isDirectory(entry) ? ModelRegistry.open(entry).champion(NAME) : Optional.empty();
    }

    /** Trains into a fresh directory and moves it into place, so a cache entry is complete or absent. */
    private static void train(PipelineSpec spec, long payments, Path entry) throws IOException {
        Files.createDirectories(entry.getParent());
        Path staging = Files.createTempDirectory(entry.getParent(), entry.getFileName() + ".training-");
        try {
            TrainingInput input = new TrainingInput.Generated(TRAINING_SEED, payments, TRAINING_RATE);
            TrainingSetBuilder builder = input.builder(spec);
            input.read(spec, builder);
            TrainingSet set = builder.build(0.2);
            TrainingRun.requireBothClasses(set, "Train the default model on more payments: raise --model-events.");
            TrainingRun.trainAndRegister(set, TrainerParams.DEFAULTS, ModelRegistry.open(staging), NAME, true);
            move(staging, entry);
        } finally {
            DirectoryCleaner.deleteQuietly(staging);
        }
    }

    private static void move(Path staging, Path entry) throws IOException {
        try {
            Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (champion(entry).isEmpty()) {
                throw e;
            } // else another demo cached the same model meanwhile: use theirs
        }
    }

    private static ModelManifest copy(ModelRegistry from, ModelManifest manifest, ModelRegistry to)
            throws IOException {
        Path modelFile = Files.createTempFile("streamscore-demo-model", ".json");
        try {
            Files.write(modelFile, from.modelBytes(NAME, manifest.version()));
            ModelManifest copied = to.register(NAME, modelFile, manifest.draft());
            to.promote(NAME, copied.version(), "the demo's default model");
            return copied;
        } finally {
            Files.deleteIfExists(modelFile);
        }
    }
}

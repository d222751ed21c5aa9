package io.streamscore.cli.demo;

import io.streamscore.event.EventCodec;
import io.streamscore.event.MalformedRecordException;
import io.streamscore.generate.EventGenerator;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.generate.RecordKind;
import io.streamscore.registry.Baselines;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import io.streamscore.registry.TrainingTimeRange;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.MonitoringSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A small model for demos and tests, registered with real baselines so that scores, model versions and drift have
 * something to show: one XGBoost tree (binary:logistic) that splits on {@code amount}, scoring
 * {@code sigmoid(leftLeaf)} below the split and {@code sigmoid(rightLeaf)} at or above it. Its baselines are the
 * deciles of the training amounts and the training scores. Not a fraud model worth the name: the stand-in until a
 * trained one is registered.
 */
public final class DemoModel {
    public static final String NAME = "demo-fraud";
    /** Payments under this look like card testing to the demo model. */
    public static final double CARD_TEST_SPLIT = 5.0;
    static final int TRAINING_PAYMENTS = 20_000;
    static final MonitoringSpec.Drift DEMO_DRIFT = new MonitoringSpec.Drift(true, Duration.ofMinutes(1),
            Duration.ofSeconds(5), MonitoringSpec.Drift.DEFAULT_THRESHOLD, MonitoringSpec.Drift.DEFAULT_MIN_SAMPLES);

    private DemoModel() {}

    /**
     * Registers the demo model (trained on the first payments of {@code training}) in a registry at {@code registry}
     * and returns {@code spec} scoring with it and watching it for drift.
     */
    public static PipelineSpec attach(PipelineSpec spec, Path registry, GeneratorConfig training) throws IOException {
        SourceSpec source = DemoGenerator.transactionSource(spec);
        double[] amounts = amounts(source, training.toBuilder().format(source.format()).build(), TRAINING_PAYMENTS);
        register(registry, NAME, amounts, CARD_TEST_SPLIT, 1.5, -2.5);
        ModelSpec model = new ModelSpec(registry.toAbsolutePath().toString(), NAME, 0.5,
                ModelSpec.defaultControlTopic(NAME), ModelSpec.defaultShadowTopic(spec.outputs().scoresTopic()), false,
                ModelSpec.Rollback.DEFAULTS);
        return spec.withModel(model).withMonitoring(new MonitoringSpec(DEMO_DRIFT));
    }

    /** The {@code amount} of the first {@code count} well-formed payments the generator makes. */
    static double[] amounts(SourceSpec source, GeneratorConfig config, int count) {
        EventCodec codec = source.codec();
        int amount = source.schema().require("amount").slot();
        EventGenerator generator = new EventGenerator(config);
        double[] amounts = new double[count];
        int n = 0;
        while (n < count) {
            GeneratedRecord record = generator.next();
            if (record.stream() == GeneratedStream.TRANSACTIONS && record.kind() != RecordKind.MALFORMED) {
                try {
                    amounts[n++] = codec.decode(record.value(), 0).numbers[amount];
                } catch (MalformedRecordException e) {
                    throw new IllegalStateException("the generator wrote a payment its own schema refuses", e);
                }
            }
        }
        return amounts;
    }

    /** Registers and promotes the one-split model over {@code trainingAmounts}; returns its manifest. */
    public static ModelManifest register(Path registry, String name, double[] trainingAmounts, double split,
                                         double leftLeaf, double rightLeaf) throws IOException {
        double[] sorted = trainingAmounts.clone();
        Arrays.sort(sorted);
        double[] deciles = Arrays.stream(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9})
                .mapToDouble(i -> sorted[sorted.length * i / 10]).distinct().toArray();
        double low = sigmoid(leftLeaf);
        double high = sigmoid(rightLeaf);
        double[] scores = Arrays.stream(sorted).map(a -> a < split ? low : high).toArray();
        ManifestDraft draft = new ManifestDraft(ModelFormat.XGBOOST_JSON, List.of("amount"), "binary:logistic",
                new TrainingTimeRange(0, 1), Map.of(),
                new Baselines(Map.of("amount", count(deciles, sorted)),
                        count(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, scores)),
                new SelfCheck(List.of(new SelfCheckRow(new double[] {split / 2}, low),
                        new SelfCheckRow(new double[] {split * 2}, high)), 1e-6));
        Path modelFile = Files.createTempFile("streamscore-demo-model", ".json");
        try {
            Files.writeString(modelFile, treeJson(split, leftLeaf, rightLeaf));
            ModelRegistry models = ModelRegistry.open(registry);
            ModelManifest manifest = models.register(name, modelFile, draft);
            models.promote(name, manifest.version(), "demo model");
            return manifest;
        } finally {
            Files.deleteIfExists(modelFile);
        }
    }

    private static double sigmoid(double margin) {
        return 1 / (1 + Math.exp(-margin));
    }

    private static Histogram count(double[] edges, double[] values) {
        Histogram bins = new Histogram(edges, new long[edges.length + 1], 0);
        long[] counts = new long[edges.length + 1];
        for (double value : values) {
            counts[bins.binOf(value)]++;
        }
        return new Histogram(edges, counts, 0);
    }

    /** XGBoost 3.0's JSON for one tree on feature 0; base score 0.5 is a margin of 0, so a leaf is the margin. */
    static String treeJson(double split, double leftLeaf, double rightLeaf) {
        String tree = """
                {"base_weights": [0, %2$s, %3$s], "categories": [], "categories_nodes": [],
                 "categories_segments": [], "categories_sizes": [], "default_left": [1, 0, 0], "id": 0,
                 "left_children": [1, -1, -1], "loss_changes": [1, 0, 0], "parents": [2147483647, 0, 0],
                 "right_children": [2, -1, -1], "split_conditions": [%1$s, %2$s, %3$s],
                 "split_indices": [0, 0, 0], "split_type": [0, 0, 0], "sum_hessian": [10, 5, 5],
                 "tree_param": {"num_deleted": "0", "num_feature": "1", "num_nodes": "3", "size_leaf_vector": "1"}}
                """.formatted(Double.toString(split), Double.toString(leftLeaf), Double.toString(rightLeaf));
        return """
                {"learner": {"attributes": {}, "feature_names": ["amount"], "feature_types": ["float"],
                  "gradient_booster": {"name": "gbtree", "model": {"gbtree_model_param": {"num_parallel_tree": "1",
                    "num_trees": "1"}, "iteration_indptr": [0, 1], "tree_info": [0], "trees": [%s]}},
                  "learner_model_param": {"base_score": "5E-1", "boost_from_average": "1", "num_class": "0",
                    "num_feature": "1", "num_target": "1"},
                  "objective": {"name": "binary:logistic"}},
                 "version": [3, 0, 4]}
                """.formatted(tree);
    }
}

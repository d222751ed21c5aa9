package io.streamscore.flink.scoring;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.registry.Baselines;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import io.streamscore.registry.TrainingTimeRange;
import io.streamscore.scoring.ModelInfo;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.ScorerFactory;
import io.streamscore.spec.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/**
 * Vocabulary of the scoring operator tests: model {@value #MODEL} versions that score a constant (the model file
 * holds the number), transactions, and a rollback that records instead of writing the registry and the topic.
 */
final class ScoringFixtures {
    static final String MODEL = "fraud";
    static final String SOURCE = "transactions";
    static final int MAX_PARALLELISM = 128;

    /** A model file whose scorer returns 0.05 for an amount up to 15 and throws above (events have amount 20). */
    static final String FAILS_ABOVE_15 = "fails-above-15";

    private ScoringFixtures() {}

    /** The draft of a version over {@code amount} whose self-check passes when it scores {@code score}. */
    static ManifestDraft constant(double score) {
        return draft(score, List.of("amount"));
    }

    /** A version whose self-check expects {@code expected} for every row. */
    static ManifestDraft draft(double expected, List<String> features) {
        Histogram values = new Histogram(new double[] {50}, new long[] {1, 1}, 0);
        Histogram scores = new Histogram(new double[] {0.5}, new long[] {1, 1}, 0);
        Map<String, Histogram> baselines = new LinkedHashMap<>();
        features.forEach(feature -> baselines.put(feature, values));
        double[] row = new double[features.size()];
        Arrays.fill(row, 10);
        return new ManifestDraft(ModelFormat.XGBOOST_JSON, features, "binary:logistic", new TrainingTimeRange(0, 1),
                Map.of("auc", 0.5), new Baselines(baselines, scores),
                new SelfCheck(List.of(new SelfCheckRow(row, expected)), 1e-6));
    }

    /** Registers a model file that scores {@code score} with {@code draft}; returns the version. */
    static int register(ModelRegistry registry, Path dir, double score, ManifestDraft draft) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "model-", ".json"), Double.toString(score));
        return registry.register(MODEL, file, draft).version();
    }

    /**
     * The scoring function of {@code spec} over transactions in a harness (added to {@code toClose} first, so it is
     * closed even when opening fails), restored from {@code state} if there is one, and opened.
     */
    static BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> openScoring(
            ModelSpec spec, CanaryRollback rollback, OperatorSubtaskState state, int parallelism, int subtask,
            List<? super BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord>> toClose) throws Exception {
        var function = new ModelScoringFunction(spec, List.of(), Map.of(SOURCE, EventSchema.builtIn("transaction")),
                new ConstantScorerFactory(), rollback);
        var harness = new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(function,
                List.of(ModelScoringFunction.PLANS)), MAX_PARALLELISM, parallelism, subtask);
        toClose.add(harness);
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
        return harness;
    }

    /** The control function of {@code registry}'s model over transactions in an opened harness. */
    static OneInputStreamOperatorTestHarness<ControlRecord, ServingPlan> openControl(ModelRegistry registry,
            List<? super OneInputStreamOperatorTestHarness<ControlRecord, ServingPlan>> toClose) throws Exception {
        return openControl(registry, false, toClose);
    }

    /** The same, refusing versions without a recorded threshold when {@code thresholdFromModel}. */
    static OneInputStreamOperatorTestHarness<ControlRecord, ServingPlan> openControl(ModelRegistry registry,
            boolean thresholdFromModel,
            List<? super OneInputStreamOperatorTestHarness<ControlRecord, ServingPlan>> toClose) throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ModelControlFunction(
                registry.root().toString(), MODEL, List.of(), Map.of(SOURCE, EventSchema.builtIn("transaction")),
                new ConstantScorerFactory(), thresholdFromModel)));
        toClose.add(harness);
        harness.open();
        return harness;
    }

    /** A control record announcing {@code type} for {@code version}, as {@code streamscore models} publishes it. */
    static ControlRecord controlRecord(ModelControlMessage.Type type, int version) {
        ModelControlMessage message = ModelControlMessage.issue(type, MODEL, version, null, null, "test", 0);
        return new ControlRecord("control", 0, 0, MODEL.getBytes(StandardCharsets.UTF_8),
                message.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** What the control function wrote to the dead-letter output (the harness has no queue before the first). */
    static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<ControlRecord, ServingPlan> control) {
        var letters = control.getSideOutput(ModelControlFunction.DEAD_LETTERS);
        return letters == null ? List.of() : letters.stream().map(record -> record.getValue()).toList();
    }

    static Event transaction(int number, String key) {
        long time = 1_000L * number;
        return new Event("transaction", SOURCE, "tx-" + number, key, time, time, new double[] {20},
                new String[] {"m", key});
    }

    /** Records rollbacks instead of writing the registry and the control topic. */
    static final class RecordingRollback extends CanaryRollback {
        final List<Integer> rolledBack = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        RecordingRollback() {
            super("unused", MODEL, "127.0.0.1:1", "control", Map.of());
        }

        @Override
        public CompletableFuture<Void> rollBack(int version, String reason) {
            rolledBack.add(version);
            reasons.add(reason);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Scorers over the manifest's features that return the number in the model file for every row. */
    static final class ConstantScorerFactory implements ScorerFactory {
        @Override
        public Scorer create(ModelManifest manifest, byte[] modelBytes) {
            String text = new String(modelBytes, StandardCharsets.UTF_8);
            boolean failsAbove15 = text.equals(FAILS_ABOVE_15);
            double score = failsAbove15 ? 0.05 : Double.parseDouble(text);
            String[] features = manifest.featureNames().toArray(String[]::new);
            return new Scorer() {
                @Override
                public String[] featureNames() {
                    return features.clone();
                }

                @Override
                public ModelInfo info() {
                    return new ModelInfo(ModelFormat.XGBOOST_JSON, "binary:logistic", 0, features.length);
                }

                @Override
                public double score(double[] row) {
                    if (failsAbove15 && row[0] > 15) {
                        throw new IllegalStateException("cannot score an amount above 15");
                    }
                    return score;
                }

                @Override
                public void scoreBatch(double[][] rows, int count, double[] out) {
                    Arrays.fill(out, 0, count, score);
                }

                @Override
                public void close() {}
            };
        }
    }
}

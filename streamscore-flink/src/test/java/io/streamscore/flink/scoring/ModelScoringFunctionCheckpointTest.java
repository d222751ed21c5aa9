package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.flink.scoring.ScoringFixtures.RecordingRollback;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.CanaryAssignment;
import io.streamscore.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary guards' evidence survives a checkpoint restore. Champion v1 scores 0.05 and canaries v2 and v3 score
 * 0.95, so a canary drifts at once and its guard (min_events 10) trips on exactly its tenth event; the tests count
 * how many canary events a restored subtask still needs.
 */
class ModelScoringFunctionCheckpointTest {
    private static final String MODEL = ScoringFixtures.MODEL;
    private static final int MAX_PARALLELISM = ScoringFixtures.MAX_PARALLELISM;
    private static final int MIN_EVENTS = 10;
    private static final ModelSpec.Rollback GUARD = new ModelSpec.Rollback(0.25, MIN_EVENTS, Duration.ofMinutes(1));
    /** Keys the canary decides for at share 0.5. */
    private static final List<String> CANARY_KEYS = IntStream.range(0, 1000).mapToObj(i -> "user-" + i)
            .filter(key -> CanaryAssignment.canaryOf(key, new double[] {0.5}) == 0).toList();

    @TempDir
    Path dir;
    private ModelRegistry registry;
    private final List<BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord>> harnesses = new ArrayList<>();
    private int events;

    @BeforeEach
    void registerChampionAndCanary() throws IOException {
        registry = ModelRegistry.open(dir.resolve("models"));
        for (double score : new double[] {0.05, 0.95, 0.95}) {
            register(score);
        }
        registry.promote(MODEL, 1, "first");
        registry.setChallenger(MODEL, 2, ChallengerMode.CANARY, 0.5);
    }

    @AfterEach
    void closeHarnesses() throws Exception {
        for (var harness : harnesses) {
            harness.close();
        }
    }

    @Test
    void restoredGuardTripsAfterExactlyTheRemainingEvidence() throws Exception {
        RecordingRollback before = new RecordingRollback();
        var first = open(before, null, 1, 0);
        feedCanaryEvents(first, 6);
        OperatorSubtaskState checkpoint = first.snapshot(1, 1);
        assertThat(before.rolledBack).isEmpty();

        RecordingRollback after = new RecordingRollback();
        var restored = open(after, checkpoint, 1, 0);
        feedCanaryEvents(restored, MIN_EVENTS - 6 - 1);
        assertThat(after.rolledBack).as("9 of 10 events seen, 6 of them before the restore").isEmpty();
        feedCanaryEvents(restored, 1);

        assertThat(after.rolledBack).containsExactly(2);
        assertThat(after.reasons.get(0)).contains("PSI", "over " + MIN_EVENTS + " events");
    }

    @Test
    void aChangedCanaryVersionStartsFresh() throws Exception {
        var first = open(new RecordingRollback(), null, 1, 0);
        feedCanaryEvents(first, 6);
        OperatorSubtaskState checkpoint = first.snapshot(1, 1);
        registry.removeChallenger(MODEL, 2);
        registry.setChallenger(MODEL, 3, ChallengerMode.CANARY, 0.5);

        RecordingRollback after = new RecordingRollback();
        var restored = open(after, checkpoint, 1, 0);
        feedCanaryEvents(restored, MIN_EVENTS - 1);
        assertThat(after.rolledBack).as("v2's six events do not count for v3").isEmpty();
        feedCanaryEvents(restored, 1);

        assertThat(after.rolledBack).containsExactly(3);
    }

    @Test
    void sameParallelismRestoresEachSubtasksOwnCountsAndRescalingSumsThem() throws Exception {
        var zero = open(new RecordingRollback(), null, 2, 0);
        var one = open(new RecordingRollback(), null, 2, 1);
        feedCanaryEvents(zero, 6);
        feedCanaryEvents(one, 3);
        OperatorSubtaskState both = AbstractStreamOperatorTestHarness.repackageState(zero.snapshot(1, 1),
                one.snapshot(1, 1));

        RecordingRollback sameOne = new RecordingRollback();
        var restoredOne = open(sameOne, AbstractStreamOperatorTestHarness.repartitionOperatorState(both,
                MAX_PARALLELISM, 2, 2, 1), 2, 1);
        feedCanaryEvents(restoredOne, MIN_EVENTS - 3 - 1);
        assertThat(sameOne.rolledBack).as("subtask 1 continues from its own 3 events, not the sum").isEmpty();
        feedCanaryEvents(restoredOne, 1);
        assertThat(sameOne.rolledBack).containsExactly(2);

        RecordingRollback rescaled = new RecordingRollback();
        var single = open(rescaled, AbstractStreamOperatorTestHarness.repartitionOperatorState(both,
                MAX_PARALLELISM, 2, 1, 0), 1, 0);
        feedCanaryEvents(single, MIN_EVENTS - 9 - 1);
        assertThat(rescaled.rolledBack).isEmpty();
        feedCanaryEvents(single, 1);
        assertThat(rescaled.rolledBack).as("one subtask after a rescale holds the 6 + 3 events").containsExactly(2);
    }

    @Test
    void aCondemnedCanaryStillInTheRegistryIsRolledBackBeforeItDecidesAgain() throws Exception {
        var first = open(new RecordingRollback(), null, 1, 0); // records the rollback, leaves the registry as it is
        feedCanaryEvents(first, MIN_EVENTS);
        OperatorSubtaskState checkpoint = first.snapshot(1, 1);

        RecordingRollback after = new RecordingRollback();
        var restored = open(after, checkpoint, 1, 0);
        assertThat(after.rolledBack).as("rolled back on open").containsExactly(2);
        feedCanaryEvents(restored, 1);

        assertThat(decidingVersions(restored)).containsExactly("1");
    }

    @Test
    void aSavepointFromBeforeTheEvidenceWasCheckpointedRestoresWithFreshCounts() throws Exception {
        var old = new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(new PlanOnlyFunction(),
                List.of(ModelScoringFunction.PLANS)), MAX_PARALLELISM, 1, 0);
        harnesses.add(old);
        old.open();
        old.processBroadcastElement(ServingPlan.of(MODEL, 1, 1, registry.rollout(MODEL).challengers()), 0);
        OperatorSubtaskState oldSavepoint = old.snapshot(1, 1);

        RecordingRollback after = new RecordingRollback();
        var restored = open(after, oldSavepoint, 1, 0);
        assertThat(restored.getBroadcastState(ModelScoringFunction.PLANS).get(MODEL)).isNotNull();
        feedCanaryEvents(restored, MIN_EVENTS - 1);
        assertThat(after.rolledBack).isEmpty();
        feedCanaryEvents(restored, 1);

        assertThat(after.rolledBack).containsExactly(2);
    }

    private BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> open(
            RecordingRollback rollback, OperatorSubtaskState state, int parallelism, int subtask) throws Exception {
        ModelSpec spec = new ModelSpec(registry.root().toString(), MODEL, 0.5, "control", "shadow", false, GUARD);
        return ScoringFixtures.openScoring(spec, rollback, state, parallelism, subtask, harnesses);
    }

    private void feedCanaryEvents(BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> harness, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            Event event = ScoringFixtures.transaction(++events, CANARY_KEYS.get((events - 1) % CANARY_KEYS.size()));
            harness.processElement(event, event.eventTime);
        }
    }

    private static List<String> decidingVersions(BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> h) {
        return h.extractOutputValues().stream().map(record -> record.modelVersion).toList();
    }

    private void register(double score) throws IOException {
        ScoringFixtures.register(registry, dir, score, ScoringFixtures.constant(score));
    }

    /** What the scoring operator kept before its guards were checkpointed: only the serving plan. */
    private static final class PlanOnlyFunction extends BroadcastProcessFunction<Event, ServingPlan, ScoreRecord> {
        @Override
        public void processElement(Event event, ReadOnlyContext ctx, Collector<ScoreRecord> out) {}

        @Override
        public void processBroadcastElement(ServingPlan plan, Context ctx, Collector<ScoreRecord> out)
                throws Exception {
            ctx.getBroadcastState(ModelScoringFunction.PLANS).put(plan.model, plan);
        }
    }
}

package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.Event;
import io.streamscore.flink.scoring.ScoringFixtures.RecordingRollback;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry in a temporary directory, and the harnesses a test opened ({@link ScoringFixtures}), closed after it.
 * Every test registers {@code working} first: version 1, scoring 0.05 and passing its self-check.
 */
abstract class ScoringOperatorTestBase {
    static final String MODEL = ScoringFixtures.MODEL;

    @TempDir
    Path dir;
    ModelRegistry registry;
    int working;
    final List<AbstractStreamOperatorTestHarness<?>> harnesses = new ArrayList<>();

    @BeforeEach
    void registerWorkingVersion() throws IOException {
        registry = ModelRegistry.open(dir.resolve("models"));
        working = ScoringFixtures.register(registry, dir, 0.05, ScoringFixtures.constant(0.05));
    }

    /** The scoring function (default guards) opened, restored from {@code state} if there is one. */
    BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> scoring(OperatorSubtaskState state)
            throws Exception {
        ModelSpec spec = new ModelSpec(registry.root().toString(), MODEL, 0.5, "control", "shadow", false,
                ModelSpec.Rollback.DEFAULTS);
        return ScoringFixtures.openScoring(spec, new RecordingRollback(), state, 1, 0, harnesses);
    }

    /** The detail of the one promotion {@code control} refused (dead-lettered), asserting {@code champion} stayed. */
    static String refusedPromotion(OneInputStreamOperatorTestHarness<ControlRecord, ServingPlan> control,
                                   int champion) {
        assertThat(control.extractOutputValues()).singleElement()
                .satisfies(plan -> assertThat(plan.champion).isEqualTo(champion));
        List<DeadLetter> letters = ScoringFixtures.deadLetters(control);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).reason).isEqualTo(DeadLetterReason.MODEL_REFUSED);
        return letters.get(0).detail;
    }

    @AfterEach
    void closeHarnesses() throws Exception {
        for (var harness : harnesses) {
            harness.close();
        }
    }
}

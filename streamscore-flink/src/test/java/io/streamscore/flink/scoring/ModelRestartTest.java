package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.Event;
import io.streamscore.flink.scoring.ScoringFixtures.ConstantScorerFactory;
import io.streamscore.flink.scoring.ScoringFixtures.RecordingRollback;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.spec.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion that was refused stays refused when the job restarts: version 1 (score 0.05) is the working champion,
 * version 2 fails its self-check and is promoted in the registry anyway (as {@code streamscore models promote} does).
 * A restore from a checkpoint, or a fresh start, must keep version 1 scoring instead of failing every restart.
 */
class ModelRestartTest {
    private static final String MODEL = ScoringFixtures.MODEL;

    @TempDir
    Path dir;
    private ModelRegistry registry;
    private int working;
    private int broken;
    private final List<AbstractStreamOperatorTestHarness<?>> harnesses = new ArrayList<>();
    private int events;

    @BeforeEach
    void registerWorkingAndBrokenVersions() throws IOException {
        registry = ModelRegistry.open(dir.resolve("models"));
        working = ScoringFixtures.register(registry, dir, 0.05, ScoringFixtures.constant(0.05));
        broken = ScoringFixtures.register(registry, dir, 0.95, ScoringFixtures.constant(0.5));
    }

    @AfterEach
    void closeHarnesses() throws Exception {
        for (var harness : harnesses) {
            harness.close();
        }
    }

    @Test
    void aRestoreAfterARefusedPromotionKeepsTheWorkingVersionScoring() throws Exception {
        registry.promote(MODEL, working, "first");
        var before = scoring(null);
        score(before, 3);
        OperatorSubtaskState checkpoint = before.snapshot(1, 1);
        registry.promote(MODEL, broken, "looks fine");

        var restored = scoring(checkpoint);
        score(restored, 3);

        assertThat(restored.extractOutputValues()).extracting(record -> record.modelVersion)
                .containsExactly("1", "1", "1");
        assertThat(restored.extractOutputValues()).extracting(record -> record.score).containsOnly(0.05);
    }

    @Test
    void theControlFunctionStartsWithTheWorkingVersionAndRefusesTheBrokenOneAgainOnTheNextMessage() throws Exception {
        registry.promote(MODEL, working, "first");
        registry.promote(MODEL, broken, "looks fine");
        var control = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ModelControlFunction(
                registry.root().toString(), MODEL, new ConstantScorerFactory())));
        harnesses.add(control);
        control.open();

        control.processElement(controlRecord(ModelControlMessage.Type.REGISTER, broken), 0);

        assertThat(control.extractOutputValues()).singleElement()
                .satisfies(plan -> assertThat(plan.champion).isEqualTo(working));
        List<DeadLetter> refused = control.getSideOutput(ModelControlFunction.DEAD_LETTERS).stream()
                .map(record -> record.getValue()).toList();
        assertThat(refused).singleElement().satisfies(letter -> {
            assertThat(letter.reason).isEqualTo(DeadLetterReason.MODEL_REFUSED);
            assertThat(letter.detail).contains("version " + broken + " is refused", "self-check failed",
                    "version " + working + " keeps scoring");
        });
    }

    @Test
    void withNoVersionThatCanServeTheStartFailsNamingTheRefusalAndTheFix() throws Exception {
        registry.promote(MODEL, broken, "first");

        assertThatThrownBy(() -> scoring(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model 'fraud' version " + broken + " is refused: self-check failed")
                .hasMessageContaining("it has no earlier champion")
                .hasMessageEndingWith("fix or promote another version of model 'fraud'");
    }

    private BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> scoring(OperatorSubtaskState state)
            throws Exception {
        ModelSpec spec = new ModelSpec(registry.root().toString(), MODEL, 0.5, "control", "shadow", false,
                ModelSpec.Rollback.DEFAULTS);
        return ScoringFixtures.openScoring(spec, new RecordingRollback(), state, 1, 0, harnesses);
    }

    private void score(BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> harness, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            Event event = ScoringFixtures.transaction(++events, "user-" + events);
            harness.processElement(event, event.eventTime);
        }
    }

    private static ControlRecord controlRecord(ModelControlMessage.Type type, int version) {
        ModelControlMessage message = ModelControlMessage.issue(type, MODEL, version, null, null, "test", 0);
        return new ControlRecord("control", 0, 0, MODEL.getBytes(StandardCharsets.UTF_8),
                message.toJson().getBytes(StandardCharsets.UTF_8));
    }
}

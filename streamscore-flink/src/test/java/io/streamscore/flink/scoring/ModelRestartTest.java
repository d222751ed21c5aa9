package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.Event;
import io.streamscore.registry.ModelControlMessage;
import java.io.IOException;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A promotion that was refused stays refused when the job restarts: version 1 (score 0.05) is the working champion,
 * version 2 fails its self-check and is promoted in the registry anyway (as {@code streamscore models promote} does).
 * A restore from a checkpoint, or a fresh start, must keep version 1 scoring instead of failing every restart.
 */
class ModelRestartTest extends ScoringOperatorTestBase {
    private int broken;
    private int events;

    @BeforeEach
    void registerBrokenVersion() throws IOException {
        broken = ScoringFixtures.register(registry, dir, 0.95, ScoringFixtures.constant(0.5));
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
        var control = ScoringFixtures.openControl(registry, harnesses);

        control.processElement(ScoringFixtures.controlRecord(ModelControlMessage.Type.REGISTER, broken), 0);

        assertThat(control.extractOutputValues()).singleElement()
                .satisfies(plan -> assertThat(plan.champion).isEqualTo(working));
        List<DeadLetter> refused = ScoringFixtures.deadLetters(control);
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


    private void score(BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> harness, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            Event event = ScoringFixtures.transaction(++events, "user-" + events);
            harness.processElement(event, event.eventTime);
        }
    }
}

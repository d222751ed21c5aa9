package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.Event;
import io.streamscore.registry.ModelControlMessage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A version whose {@code feature_names} the pipeline does not provide ({@code amount_x}: no feature column, no
 * numeric field of transactions) would score every event with that input missing; its self-check passes, so only
 * this guard stops it. It is refused like a version that fails its self-check, and version 1 keeps scoring.
 */
class ModelInputGuardTest extends ScoringOperatorTestBase {
    private int mismatched;

    @BeforeEach
    void registerMismatchedVersion() throws IOException {
        mismatched = ScoringFixtures.register(registry, dir, 0.95, ScoringFixtures.draft(0.95, List.of("amount_x")));
    }

    @Test
    void aPromotedVersionWithUnknownInputsIsDeadLetteredNamingThemAndTheWorkingOneKeepsScoring() throws Exception {
        registry.promote(MODEL, working, "first");
        var control = ScoringFixtures.openControl(registry, harnesses);
        registry.promote(MODEL, mismatched, "renamed a feature");

        control.processElement(ScoringFixtures.controlRecord(ModelControlMessage.Type.PROMOTE, mismatched), 0);

        assertThat(refusedPromotion(control, working)).contains("version " + mismatched + " is refused",
                "[amount_x]", "source transactions", "version " + working + " keeps scoring");
    }

    @Test
    void aScoringSubtaskRefusesSuchAVersionEvenWhenAPlanNamesIt() throws Exception {
        registry.promote(MODEL, working, "first");
        var scoring = scoring(null);

        scoring.processBroadcastElement(ServingPlan.of(MODEL, 1, mismatched, List.of()), 0);
        Event event = ScoringFixtures.transaction(1, "user-1");
        scoring.processElement(event, event.eventTime);

        assertThat(scoring.extractOutputValues()).extracting(record -> record.modelVersion)
                .containsExactly(String.valueOf(working));
    }

    @Test
    void aStartWithNoOtherVersionFailsNamingTheUnknownInputs() throws Exception {
        registry.promote(MODEL, mismatched, "first");

        assertThatThrownBy(() -> scoring(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version " + mismatched + " is refused: its inputs [amount_x]");
    }
}

package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.DeadLetterReason;
import io.streamscore.registry.ModelControlMessage;
import org.junit.jupiter.api.Test;

/**
 * {@code streamscore models promote fraud 7 --registry ELSEWHERE --bootstrap ...} changes another registry than the
 * one the pipeline reads: re-reading its own changes nothing, and without a word the user would believe version 7
 * serves. Versions are never deleted, so a message naming a version this registry does not have says so.
 */
class ControlMessageFromAnotherRegistryTest extends ScoringOperatorTestBase {
    @Test
    void aMessageNamingAVersionThisRegistryDoesNotHaveIsDeadLetteredSayingWhichRegistryIsRead() throws Exception {
        registry.promote(MODEL, working, "first");
        var control = ScoringFixtures.openControl(registry, harnesses);

        control.processElement(ScoringFixtures.controlRecord(ModelControlMessage.Type.PROMOTE, 7), 0);

        assertThat(control.extractOutputValues()).singleElement()
                .satisfies(plan -> assertThat(plan.champion).isEqualTo(working));
        assertThat(ScoringFixtures.deadLetters(control)).singleElement().satisfies(letter -> {
            assertThat(letter.reason).isEqualTo(DeadLetterReason.MODEL_REFUSED);
            assertThat(letter.detail).contains("names version 7", "does not have (its versions: [1])",
                    "another registry", "This pipeline reads " + registry.root(), "version 1 is the champion");
        });
    }

    @Test
    void aMessageAboutAVersionOfThisRegistryIsNotDeadLettered() throws Exception {
        registry.promote(MODEL, working, "first");
        int next = ScoringFixtures.register(registry, dir, 0.05, ScoringFixtures.constant(0.05));
        var control = ScoringFixtures.openControl(registry, harnesses);
        registry.promote(MODEL, next, "second");

        control.processElement(ScoringFixtures.controlRecord(ModelControlMessage.Type.PROMOTE, next), 0);

        assertThat(control.extractOutputValues()).singleElement()
                .satisfies(plan -> assertThat(plan.champion).isEqualTo(next));
        assertThat(ScoringFixtures.deadLetters(control)).isEmpty();
    }
}

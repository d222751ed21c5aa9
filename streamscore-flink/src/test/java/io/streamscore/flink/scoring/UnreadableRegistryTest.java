package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.DeadLetterReason;
import io.streamscore.registry.ModelControlMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A control message that arrives while the registry cannot be read (a {@code registry.json} being edited by hand,
 * or damaged) must not stop the stream: the change is refused like a version that fails its self-check, and the
 * version that was scoring keeps scoring. Once the file is fixed, the next message applies the registry again.
 */
class UnreadableRegistryTest extends ScoringOperatorTestBase {
    @Test
    void aControlMessageWhileRegistryJsonIsDamagedIsDeadLetteredAndTheChampionKeepsScoring() throws Exception {
        int next = ScoringFixtures.register(registry, dir, 0.05, ScoringFixtures.constant(0.05));
        registry.promote(MODEL, working, "first");
        var control = ScoringFixtures.openControl(registry, harnesses);
        Path rollout = registry.root().resolve(MODEL).resolve("registry.json");
        String intact = Files.readString(rollout);
        Files.writeString(rollout, intact.substring(0, intact.length() / 2));

        control.processElement(ScoringFixtures.controlRecord(ModelControlMessage.Type.PROMOTE, next), 0);

        assertThat(control.extractOutputValues()).as("no new plan").isEmpty();
        assertThat(ScoringFixtures.deadLetters(control)).singleElement().satisfies(letter -> {
            assertThat(letter.reason).isEqualTo(DeadLetterReason.MODEL_REFUSED);
            assertThat(letter.detail).contains("registry.json",
                    "version " + working + " keeps scoring");
        });

        Files.writeString(rollout, intact);
        registry.promote(MODEL, next, "second");
        control.processElement(ScoringFixtures.controlRecord(ModelControlMessage.Type.PROMOTE, next), 0);

        assertThat(control.extractOutputValues()).singleElement()
                .satisfies(plan -> assertThat(plan.champion).isEqualTo(next));
    }
}

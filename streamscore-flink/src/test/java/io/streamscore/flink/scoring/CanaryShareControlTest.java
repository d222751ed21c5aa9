package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.DeadLetterReason;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.registry.ModelControlMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A SET_CHALLENGER message already on the control topic with a canary share outside (0, 1] (written by an older
 * {@code streamscore}, or by hand): a canary of share 0 would never decide nor be judged, so the change is refused
 * as a model change ({@code model_refused}, not {@code control_malformed}) and the serving plan stays as it was.
 */
class CanaryShareControlTest extends ScoringOperatorTestBase {
    @Test
    void aCanaryShareOutsideTheRangeIsRefusedAndThePlanStaysUnchanged() throws Exception {
        registry.promote(MODEL, working, "first");
        int canary = ScoringFixtures.register(registry, dir, 0.05, ScoringFixtures.constant(0.05));
        var control = ScoringFixtures.openControl(registry, harnesses);

        for (String share : new String[] {"0", "-0.5", "1.5"}) {
            control.processElement(setCanary(canary, share), 0);
        }

        assertThat(control.extractOutputValues()).as("no new plan").isEmpty();
        assertThat(ScoringFixtures.deadLetters(control)).hasSize(3).allSatisfy(letter -> {
            assertThat(letter.reason).isEqualTo(DeadLetterReason.MODEL_REFUSED);
            assertThat(letter.detail).contains("share: ", "is outside (0, 1]",
                    "the serving plan is unchanged: version " + working + " keeps scoring");
        });

        registry.setChallenger(MODEL, canary, ChallengerMode.CANARY, 1.0);
        control.processElement(setCanary(canary, "1.0"), 0);

        assertThat(control.extractOutputValues()).singleElement().satisfies(plan -> {
            assertThat(plan.champion).isEqualTo(working);
            assertThat(plan.shares).containsExactly(1.0);
        });
    }

    /** The JSON of a SET_CHALLENGER message as it would sit on the topic, with {@code share} as written. */
    private static ControlRecord setCanary(int version, String share) {
        String json = "{\"id\": \"m-" + share + "\", \"type\": \"SET_CHALLENGER\", \"model\": \"" + MODEL
                + "\", \"version\": " + version + ", \"mode\": \"canary\", \"share\": " + share
                + ", \"reason\": \"\", \"issued_at_millis\": 0}";
        return new ControlRecord("control", 0, 0, MODEL.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
    }
}

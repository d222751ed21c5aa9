package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.flink.scoring.ScoringFixtures.RecordingRollback;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.scoring.CanaryAssignment;
import io.streamscore.spec.ModelSpec;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A canary rolled back automatically may be run again: once the registry no longer names it (the rollback reached
 * it), putting the version back, as a shadow or as a canary, is a new decision of its own. Champion v1 scores 0.05,
 * version 2 scores 0.95 and drifts at once, so its guard (min_events 10) trips on its tenth canary event.
 */
class RolledBackCanaryReturnTest extends ScoringOperatorTestBase {
    private static final int MIN_EVENTS = 10;
    private static final List<String> CANARY_KEYS = IntStream.range(0, 1000).mapToObj(i -> "user-" + i)
            .filter(key -> CanaryAssignment.canaryOf(key, new double[] {0.5}) == 0).toList();

    private final RecordingRollback rollback = new RecordingRollback();
    private BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> scoring;
    private int drifting;
    private int events;
    private long sequence;

    @BeforeEach
    void condemnTheCanary() throws Exception {
        drifting = ScoringFixtures.register(registry, dir, 0.95, ScoringFixtures.constant(0.95));
        registry.promote(MODEL, working, "first");
        registry.setChallenger(MODEL, drifting, ChallengerMode.CANARY, 0.5);
        ModelSpec spec = new ModelSpec(registry.root().toString(), MODEL, 0.5, "control", "shadow", false,
                new ModelSpec.Rollback(0.25, MIN_EVENTS, Duration.ofMinutes(1)));
        scoring = ScoringFixtures.openScoring(spec, rollback, null, 1, 0, harnesses);
        feedCanaryEvents(MIN_EVENTS);
        assertThat(rollback.rolledBack).containsExactly(drifting);
        // What CanaryRollback does for real: the registry first, then the control function's plan without it.
        registry.removeChallenger(MODEL, drifting);
        broadcastRegistryPlan();
    }

    @Test
    void aRolledBackCanaryPutBackAsAShadowScoresOnTheSide() throws Exception {
        registry.setChallenger(MODEL, drifting, ChallengerMode.SHADOW, 0);
        broadcastRegistryPlan();
        scoring.getSideOutput(ModelScoringFunction.SHADOW).clear();

        feedCanaryEvents(3);

        assertThat(scoring.getSideOutput(ModelScoringFunction.SHADOW)).extracting(StreamRecord::getValue)
                .extracting(record -> record.modelVersion + " " + record.role)
                .containsExactly("2 shadow", "2 shadow", "2 shadow");
    }

    @Test
    void aRolledBackCanaryPutBackAsACanaryDecidesAgainAndIsJudgedOnItsNewEvents() throws Exception {
        registry.setChallenger(MODEL, drifting, ChallengerMode.CANARY, 0.5);
        broadcastRegistryPlan();
        scoring.getOutput().clear();

        feedCanaryEvents(MIN_EVENTS - 1);
        assertThat(decidingVersions()).as("a fresh guard: nine events are not enough to judge")
                .containsOnly(Integer.toString(drifting)).hasSize(MIN_EVENTS - 1);
        assertThat(rollback.rolledBack).containsExactly(drifting);
        feedCanaryEvents(1);

        assertThat(rollback.rolledBack).as("judged again on its tenth new event").containsExactly(drifting, drifting);
    }

    @Test
    void aCanaryStillNamedByTheRegistryAfterItsRollbackStaysOut() throws Exception {
        registry.setChallenger(MODEL, drifting, ChallengerMode.CANARY, 0.5);
        broadcastRegistryPlan();
        feedCanaryEvents(MIN_EVENTS);
        assertThat(rollback.rolledBack).containsExactly(drifting, drifting);
        scoring.getOutput().clear();

        // The removal has not reached the registry yet: a plan read from it still names the canary.
        broadcastRegistryPlan();
        feedCanaryEvents(3);

        assertThat(decidingVersions()).containsOnly(Integer.toString(working));
    }

    private void broadcastRegistryPlan() throws Exception {
        var rollout = registry.rollout(MODEL);
        scoring.processBroadcastElement(ServingPlan.of(MODEL, ++sequence, rollout.champion(), rollout.challengers()),
                0);
    }

    private void feedCanaryEvents(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Event event = ScoringFixtures.transaction(++events, CANARY_KEYS.get((events - 1) % CANARY_KEYS.size()));
            scoring.processElement(event, event.eventTime);
        }
    }

    private List<String> decidingVersions() {
        return scoring.extractOutputValues().stream().map(record -> record.modelVersion).toList();
    }
}

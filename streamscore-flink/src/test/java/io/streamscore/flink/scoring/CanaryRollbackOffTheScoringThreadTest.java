package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.Event;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.scoring.CanaryAssignment;
import io.streamscore.spec.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An automatic canary rollback while Kafka cannot be reached: a real producer pointed at a closed port (127.0.0.1:1)
 * waits out its whole timeout, which on the scoring thread stalled scoring as long. The rollback must leave the
 * scoring thread at once, stop the canary there at once, still change the registry, and report the failed publish.
 */
class CanaryRollbackOffTheScoringThreadTest extends ScoringOperatorTestBase {
    private static final String UNREACHABLE = "127.0.0.1:1";
    /** Long enough that a publish on the scoring thread would show; short enough to wait for its failure. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(4);
    private static final List<String> CANARY_KEYS = IntStream.range(0, 1000).mapToObj(i -> "user-" + i)
            .filter(key -> CanaryAssignment.canaryOf(key, new double[] {0.5}) == 0).toList();

    private CanaryRollback unreachable() {
        return new CanaryRollback(registry.root().toString(), MODEL, UNREACHABLE, "control", Map.of(),
                PUBLISH_TIMEOUT);
    }

    /** A canary at share 0.5 that throws on every event (amount 20), so its guard condemns it on its first. */
    private int failingCanary() throws Exception {
        Path file = Files.writeString(dir.resolve("fails-above-15.json"), ScoringFixtures.FAILS_ABOVE_15);
        int failing = registry.register(MODEL, file, ScoringFixtures.constant(0.05)).version();
        registry.promote(MODEL, working, "first");
        registry.setChallenger(MODEL, failing, ChallengerMode.CANARY, 0.5);
        return failing;
    }

    @Test
    void theScoringThreadReturnsAtOnceAndTheCanaryStopsDecidingThere() throws Exception {
        failingCanary();
        CanaryRollback rollback = unreachable();
        ModelSpec spec = new ModelSpec(registry.root().toString(), MODEL, 0.5, "control", "shadow", false,
                ModelSpec.Rollback.DEFAULTS);
        var scoring = ScoringFixtures.openScoring(spec, rollback, null, 1, 0, harnesses);

        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Event event = ScoringFixtures.transaction(i + 1, CANARY_KEYS.get(i));
            scoring.processElement(event, event.eventTime);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(millis).as("five events, one rollback, Kafka unreachable")
                .isLessThan(PUBLISH_TIMEOUT.toMillis() / 2);
        assertThat(scoring.extractOutputValues()).extracting(record -> record.modelVersion)
                .as("the champion decides the canary's keys from the failing event on")
                .containsOnly(Integer.toString(working)).hasSize(5);
    }

    @Test
    void theRollbackReturnsAtOnceChangesTheRegistryAndReportsTheFailedPublish() throws Exception {
        int failing = failingCanary();
        try (CanaryRollback rollback = unreachable()) {
            long start = System.nanoTime();
            CompletableFuture<Void> done = rollback.rollBack(failing, "threw on an event");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);

            assertThatThrownBy(() -> done.get(PUBLISH_TIMEOUT.toSeconds() + 20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().hasMessageContaining("Timeout");
            assertThat(registry.rollout(MODEL).challengers()).as("the registry changed before the publish")
                    .isEmpty();
        }
    }
}

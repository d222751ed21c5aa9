package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.serving.client.RemoteScoringConfig;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The async operator's deadline leaves the scorer's own fallback time to answer first. */
class RemoteScoringStageTest {
    /**
     * The longest an event can wait in the scorer: the operator holds {@code 2 * max_in_flight} batches, so a batch
     * may wait for two rounds ahead of its own, and each round is every attempt with a REST attempt's two timeouts
     * (headers, then body) and the longest backoff with its jitter.
     */
    private static Duration scorerWorstCase(RemoteScoringConfig remote) {
        Duration attempt = remote.timeout().multipliedBy(2)
                .plus(remote.backoff().multipliedBy(3L << remote.retries()).dividedBy(2));
        return attempt.multipliedBy((remote.retries() + 1L) * 3).plus(remote.maxWait());
    }

    @ParameterizedTest(name = "timeout {0} ms, {1} retries, backoff {2} ms")
    @CsvSource({"1000, 2, 50", "10000, 2, 50", "30000, 0, 0", "5000, 10, 1"})
    void theOperatorsDeadlineOutlastsTheScorersWorstCase(long timeoutMillis, int retries, long backoffMillis) {
        RemoteScoringConfig remote = RemoteScoringConfig.defaults("http://127.0.0.1:8080", "fraud")
                .withFaultHandling(Duration.ofMillis(timeoutMillis), retries, Duration.ofMillis(backoffMillis), 5,
                        Duration.ofSeconds(5));

        assertThat(RemoteScoringStage.deadline(remote)).isGreaterThan(scorerWorstCase(remote));
    }
}

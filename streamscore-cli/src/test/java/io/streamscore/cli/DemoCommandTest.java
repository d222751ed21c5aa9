package io.streamscore.cli;

import static io.streamscore.cli.testing.CommandRun.streamscore;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.CommandRun;
import org.junit.jupiter.api.Test;

/** {@code streamscore demo}'s option checks, which run before Kafka or Flink start (the run itself: ITCases). */
class DemoCommandTest {
    @Test
    void negativeRateIsAUsageErrorSayingWhatZeroMeans() {
        CommandRun run = streamscore("demo", "fraud", "--rate", "-5");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--rate: -5.0 is negative; give 0 or more (0 sends as fast as possible)");
        assertThat(run.out()).doesNotContain("Preparing");
    }

    @Test
    void zeroStatusIntervalIsAUsageError() {
        CommandRun run = streamscore("demo", "--status-interval", "0s");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--status-interval: must be longer than 0");
    }

    @Test
    void tooFewModelEventsIsAUsageErrorBeforeAnythingStarts() {
        CommandRun run = streamscore("demo", "--model-events", "100");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--model-events: 100 payments hold too few frauds");
    }

    @Test
    void generateRefusesANegativeRate() {
        CommandRun run = streamscore("generate", "--stdout", "--count", "1", "--rate", "-1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--rate: -1.0 is negative");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void scenarioIsOptionalInTheUsage() {
        CommandRun run = streamscore("demo", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("[SCENARIO]");
    }
}

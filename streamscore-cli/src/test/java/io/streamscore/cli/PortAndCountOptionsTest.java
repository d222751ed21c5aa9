package io.streamscore.cli;

import static io.streamscore.cli.testing.CommandRun.streamscore;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.CommandRun;
import org.junit.jupiter.api.Test;

/**
 * Ports and counts out of range are usage errors (exit code 2) naming the option, found before an embedded broker, a
 * MiniCluster or a model training starts: a dashboard port of -1 used to start the whole pipeline and fail after it.
 */
class PortAndCountOptionsTest {
    private static final String SPEC = "../examples/fraud.yaml";

    @Test
    void runRefusesADashboardPortBeforeStarting() {
        CommandRun run = streamscore("run", SPEC, "--dashboard-port", "-1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--dashboard-port: -1 is not a port; use 1..65535, or 0 for any free port");
        assertThat(run.out()).doesNotContain("running");
    }

    @Test
    void runRefusesAMetricsPortOutOfRange() {
        CommandRun run = streamscore("run", SPEC, "--metrics-port", "70000");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--metrics-port: 70000 is not a port");
    }

    @Test
    void runRefusesZeroPartitions() {
        CommandRun run = streamscore("run", SPEC, "--partitions", "0");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--partitions: 0 must be at least 1");
    }

    @Test
    void demoRefusesAServingPortOutOfRange() {
        CommandRun run = streamscore("demo", "feature-store", "--serving-port", "99999");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--serving-port: 99999 is not a port");
        assertThat(run.out()).doesNotContain("Preparing");
    }

    @Test
    void generateRefusesANegativeCount() {
        CommandRun run = streamscore("generate", "--stdout", "--count", "-1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--count: -1 must be at least 1");
    }

    @Test
    void trainRefusesANegativeEventCountInsteadOfHanging() {
        CommandRun run = streamscore("train", SPEC, "--registry", "target/never-written-registry", "--name", "fraud",
                "--generate", "fraud", "--events", "-5");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--events: -5 must be at least 1");
    }

    @Test
    void bootstrapOptionsAreCheckedAsTheSpecsBootstrapIs() {
        // train used to end in Kafka's "Failed to construct kafka consumer" stack trace.
        CommandRun train = streamscore("train", SPEC, "--registry", "target/never-written-registry", "--name", "fraud",
                "--bootstrap", "bad");
        CommandRun generate = streamscore("generate", "--bootstrap", "bad", "--count", "1");

        assertThat(train.exit()).isEqualTo(2);
        assertThat(train.err()).contains("--bootstrap: 'bad' is not host:port (no port)");
        assertThat(generate.exit()).isEqualTo(2);
        assertThat(generate.err()).contains("--bootstrap: 'bad' is not host:port (no port)");
    }

    @Test
    void generateRefusesSharesAndDelaysOutOfRangeAsUsageErrors() {
        CommandRun share = streamscore("generate", "--stdout", "--count", "1", "--malformed-share", "2");
        CommandRun clicks = streamscore("generate", "--stdout", "--count", "1", "--clicks-per-transaction", "-1");
        CommandRun delay = streamscore("generate", "--stdout", "--count", "1", "--late-delay", "0s");

        assertThat(share.exit()).isEqualTo(2);
        assertThat(share.err()).contains("--malformed-share: 2.0 is not a share; give a value from 0 to 1");
        assertThat(clicks.exit()).isEqualTo(2);
        assertThat(clicks.err()).contains("--clicks-per-transaction: -1.0 is negative");
        assertThat(delay.exit()).isEqualTo(2);
        assertThat(delay.err()).contains("--late-delay: must be longer than 0");
    }
}

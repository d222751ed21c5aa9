package io.streamscore.cli;

import static io.streamscore.cli.testing.CommandRun.streamscore;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.CommandRun;
import org.junit.jupiter.api.Test;

/** {@code streamscore submit}'s option checks, before the preflight or the cluster (the submit itself: ITCases). */
class SubmitCommandTest {
    @Test
    void bootstrapServersAreCheckedAsTheSpecsBootstrapIs() {
        // With --skip-preflight, `bad` used to reach the cluster and fail inside the running job.
        CommandRun run = streamscore("submit", "../examples/fraud.yaml", "--jobmanager", "127.0.0.1:1",
                "--bootstrap-servers", "bad", "--skip-preflight");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--bootstrap-servers: 'bad' is not host:port (no port); write host:port");
    }

    @Test
    void bootstrapServerPortOutOfRangeIsAUsageError() {
        CommandRun run = streamscore("submit", "../examples/fraud.yaml", "--jobmanager", "127.0.0.1:1",
                "--bootstrap-servers", "127.0.0.1:9092,127.0.0.1:99999", "--skip-preflight");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--bootstrap-servers: port 99999 in '127.0.0.1:99999' is out of range");
    }
}

package io.streamscore.cli;

import static io.streamscore.cli.testing.CommandRun.streamscore;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.CommandRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * {@code demo} and {@code run} refuse a listening port that is in use (a second demo on the defaults, say) before
 * they start anything, naming the option: the ports are held by a socket of this test.
 */
class LocalPortCheckTest {
    @Test
    void demoRefusesATakenMetricsPortBeforePreparingItsModel() throws Exception {
        try (ServerSocket taken = takePort()) {
            int port = taken.getLocalPort();
            CommandRun run = streamscore("demo", "fraud", "--metrics-port", "" + port, "--dashboard-port", "0");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).startsWith("error: --metrics-port " + port + ": cannot listen on 127.0.0.1:" + port
                    + ": Address already in use (another streamscore demo or run?); choose a free port, or 0 for any "
                    + "free one" + System.lineSeparator());
            assertThat(run.out()).doesNotContain("Preparing");
        }
    }

    @Test
    void demoRefusesATakenDashboardPort() throws Exception {
        try (ServerSocket taken = takePort()) {
            CommandRun run = streamscore("demo", "--metrics-port", "0", "--dashboard-port", "" + taken.getLocalPort());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("error: --dashboard-port " + taken.getLocalPort() + ": ");
        }
    }

    @Test
    void runRefusesATakenMetricsPortBeforeReadingItsSpec() throws Exception {
        try (ServerSocket taken = takePort()) {
            CommandRun run = streamscore("run", "no-such-spec.yaml", "--metrics-port", "" + taken.getLocalPort());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("error: --metrics-port " + taken.getLocalPort() + ": ")
                    .doesNotContain("no-such-spec.yaml");
        }
    }

    @Test
    void aFreePortAndZeroPass() throws Exception {
        int free;
        try (ServerSocket probe = takePort()) {
            free = probe.getLocalPort();
        }
        LocalPortCheck.requireFree("--metrics-port", free);
        LocalPortCheck.requireFree("--metrics-port", 0);
        LocalPortCheck.requireFree("--dashboard-port", null);
    }

    private static ServerSocket takePort() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }
}

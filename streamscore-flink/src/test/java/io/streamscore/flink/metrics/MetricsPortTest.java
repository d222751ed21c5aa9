package io.streamscore.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.apache.flink.metrics.MetricConfig;
import org.junit.jupiter.api.Test;

/**
 * The reporter's {@code port} setting: one port, or a range of which the first free port is bound (several Flink
 * processes on one host sharing a configuration). The ports in use are held by sockets of this test.
 */
class MetricsPortTest {

    @Test
    void aRangeBindsItsFirstFreePort() throws Exception {
        try (ServerSocket taken = takeFollowedByAFreePort()) {
            int first = taken.getLocalPort();
            StreamscoreMetricReporter reporter = new StreamscoreMetricReporter();
            try {
                reporter.open(config(first + "-" + (first + 1)));
                assertThat(reporter.port()).isEqualTo(first + 1);
            } finally {
                reporter.close();
            }
        }
    }

    @Test
    void aRangeWhosePortsAreAllInUseFailsNamingTheSetting() throws Exception {
        try (ServerSocket taken = takeFollowedByAFreePort();
             ServerSocket next = take(taken.getLocalPort() + 1)) {
            String range = taken.getLocalPort() + "-" + next.getLocalPort();

            assertThatThrownBy(() -> new StreamscoreMetricReporter().open(config(range)))
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(BindException.class)
                    .hasMessage("could not serve metrics on 127.0.0.1:" + range + ": every port is in use ("
                            + "metrics.reporter.streamscore.port: choose a free port, a range such as 9250-9259, or 0 "
                            + "for any)");
        }
    }

    @Test
    void aSinglePortInUseFailsNamingIt() throws Exception {
        try (ServerSocket taken = take(0)) {
            assertThatThrownBy(() -> new StreamscoreMetricReporter().open(config("" + taken.getLocalPort())))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("could not serve metrics on 127.0.0.1:" + taken.getLocalPort() + " ("
                            + "metrics.reporter.streamscore.port: ");
        }
    }

    @Test
    void parsesAPortAndARange() {
        assertThat(PortRange.parse("9249")).isEqualTo(new PortRange(9249, 9249));
        assertThat(PortRange.parse(" 9250 - 9259 ")).isEqualTo(new PortRange(9250, 9259));
        assertThat(PortRange.parse("0")).isEqualTo(new PortRange(0, 0));
        assertThat(PortRange.parse("9250-9259")).hasToString("9250-9259");
    }

    @Test
    void refusesWhatIsNotAPortOrARangeNamingTheSetting() {
        for (String wrong : new String[] {"", "abc", "-1", "65536", "9259-9250", "0-10", "9250-", "9250-9259-9260"}) {
            assertThatThrownBy(() -> PortRange.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("metrics.reporter.streamscore.port: '" + wrong + "' is not a port (0-65535; 0 for any "
                            + "free one) or a range of ports such as 9250-9259");
        }
    }

    private static MetricConfig config(String port) {
        MetricConfig config = new MetricConfig();
        config.setProperty(StreamscoreMetricReporter.HOST, "127.0.0.1");
        config.setProperty(StreamscoreMetricReporter.PORT, port);
        return config;
    }

    /** A socket on a port whose next port was free a moment ago. */
    private static ServerSocket takeFollowedByAFreePort() throws IOException {
        for (int attempt = 0; ; attempt++) {
            ServerSocket taken = take(0);
            if (taken.getLocalPort() < 65_535) {
                try (ServerSocket probe = take(taken.getLocalPort() + 1)) {
                    return taken;
                } catch (BindException e) {
                    // the next port is in use: try another
                }
            }
            taken.close();
            if (attempt == 100) {
                throw new IllegalStateException("no two free ports in a row on 127.0.0.1");
            }
        }
    }

    private static ServerSocket take(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
    }
}

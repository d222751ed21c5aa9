package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.cli.local.LocalRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime's metrics endpoint binds its port when a job's cluster starts. A port that is taken (a second
 * {@code demo} on the default 9249, say) fails that start naming {@code --metrics-port}: Flink's reporter setup would
 * log it and run the job without the endpoint, and a dashboard would then scrape whatever else answers on the port.
 */
class LocalRuntimeMetricsPortITCase extends PipelineTestBase {

    @Test
    void aTakenMetricsPortFailsTheStartNamingTheOptionAndAFreedOneWorks(@TempDir Path workDir) throws Exception {
        try (ServerSocket taker = new ServerSocket(0, 1, InetAddress.getByName(LocalRuntime.LOCAL_HOST));
             LocalRuntime runtime = LocalRuntime.start(spec("json"),
                     new LocalRuntime.Options(workDir, 2, taker.getLocalPort()))) {
            int taken = taker.getLocalPort();

            assertThatThrownBy(() -> runtime.startJob(List.of()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("the metrics endpoint could not listen on 127.0.0.1:" + taken
                            + " (--metrics-port: choose a free port, or 0 for any free one)")
                    .hasCauseInstanceOf(BindException.class);

            taker.close(); // the failed start left nothing behind: the same runtime starts on the freed port
            runtime.startJob(List.of());
            assertThat(runtime.metricsPort()).isEqualTo(taken);
            assertThat(status(runtime.metricsUrl())).isEqualTo(200);
        }
    }

    @Test
    void anyFreePortIsBoundOnceAndKeptForTheRuntimesNextJob(@TempDir Path workDir) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(spec("json"), new LocalRuntime.Options(workDir, 2, 0))) {
            assertThat(runtime.metricsPort()).as("not bound before a job").isZero();

            runtime.startJob(List.of());
            int bound = runtime.metricsPort();
            assertThat(bound).isPositive();
            assertThat(runtime.metricsUrl()).isEqualTo("http://127.0.0.1:" + bound + "/metrics");
            assertThat(status(runtime.metricsUrl())).isEqualTo(200);

            runtime.startJob(List.of()); // stops the first job and its cluster, whose port the next binds
            assertThat(runtime.metricsPort()).isEqualTo(bound);
            assertThat(status(runtime.metricsUrl())).isEqualTo(200);
        }
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

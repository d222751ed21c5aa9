package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.LocalRuntime;
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
 * The local runtime finds a free port for Flink's REST API when it starts and binds it when it starts a job; a
 * port found free can be taken in between (by another process, or by an outgoing connection given it as its local
 * port: CI saw "Could not start rest endpoint" once). The job then starts on another port.
 */
class LocalRuntimeRestPortITCase extends PipelineTestBase {

    @Test
    void aRestPortTakenAfterItWasFoundFreeLeavesTheJobStartingOnAnother(@TempDir Path workDir) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(spec("json"), new LocalRuntime.Options(workDir, 2))) {
            String foundFree = runtime.flinkRestUrl();
            try (ServerSocket taker = new ServerSocket(URI.create(foundFree).getPort(), 1,
                    InetAddress.getByName(LocalRuntime.LOCAL_HOST))) {
                runtime.startJob(List.of());

                assertThat(runtime.flinkRestUrl()).isNotEqualTo(foundFree);
                HttpResponse<String> jobs = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(runtime.flinkRestUrl() + "/jobs/overview")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(jobs.statusCode()).isEqualTo(200);
                assertThat(jobs.body()).contains("\"state\":\"RUNNING\"");
                // one cluster start: its metrics reporter bound the metrics port once (a second start found it taken)
                assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runtime.metricsUrl()))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            }
        }
    }
}

package io.streamscore.serving.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A URL that is no model server's may answer an inference request with a body of any size (a file, a listing, an
 * endless stream): the REST client stops reading at {@link InferenceTransport#MAX_RESPONSE_BYTES} and fails the batch
 * without a retry, as the gRPC client's inbound limit does, instead of holding it all in the TaskManager's heap.
 */
class RemoteResponseLimitTest {
    private final CountDownLatch hungUp = new CountDownLatch(1);
    private HttpServer wrongServer;

    @BeforeEach
    void start() throws IOException {
        wrongServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        wrongServer.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse it by
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 256; i++) {
                    out.write(chunk);
                }
            } catch (IOException closedByTheClient) {
                hungUp.countDown();
            }
        });
        wrongServer.start();
    }

    @AfterEach
    void stop() {
        wrongServer.stop(0);
    }

    @Test
    void aResponseOverTheLimitFailsTheBatchWithoutRetryAndClosesTheConnection() throws Exception {
        URI infer = URI.create("http://127.0.0.1:" + wrongServer.getAddress().getPort() + "/v2/models/fraud/infer");
        InferenceClient client = new InferenceClient(infer, Duration.ofSeconds(20), false);
        try {
            client.infer(new double[][] {{1, 2}}, 1, 2).get(30, TimeUnit.SECONDS);
            throw new AssertionError("scored");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RemoteCallException.class)
                    .hasMessageContaining("runs past 64 MiB");
            assertThat(((RemoteCallException) e.getCause()).retryable()).isFalse();
        }
        assertThat(hungUp.await(10, TimeUnit.SECONDS)).as("the client closed the connection").isTrue();
    }
}

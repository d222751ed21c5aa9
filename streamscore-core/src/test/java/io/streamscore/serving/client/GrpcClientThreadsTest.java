package io.streamscore.serving.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A closed gRPC client leaves no thread behind. In a Flink TaskManager a job's classes are unloaded when it stops;
 * gRPC's shared event loop, which lives on for a second after its last channel, then failed there with
 * NoClassDefFoundError (seen in a real cluster's log after {@code stop --savepoint}).
 */
class GrpcClientThreadsTest {
    @Test
    void closeEndsEveryThreadTheClientStarted() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        GrpcInferenceClient client = new GrpcInferenceClient(URI.create("grpc://127.0.0.1:" + closed), "fraud", null,
                Duration.ofSeconds(2));
        try {
            client.infer(new double[][] {{1, 2}}, 1, 2).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RemoteCallException.class); // nothing listens there
        }
        Set<String> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .map(Thread::getName).collect(Collectors.toSet());
        assertThat(started).as("the client's threads while it is open").isNotEmpty();

        client.close();

        // Two library-global threads end themselves about a second later and run no channel work: Netty's global
        // executor (it completed the event loop's termination future) and gRPC's shared-resource destroyer (it
        // releases a shared resource one second after its last user let go; whether this test sees it starting
        // depends on the tests before it in the JVM). Every other thread must be gone when close() returns: with
        // gRPC's shared event loop, "grpc-nio-worker-ELG-..." lived on for another second.
        assertThat(aliveSince(before)).as("threads the client started, right after close()")
                .allMatch(name -> name.startsWith("globalEventExecutor") || name.startsWith("grpc-shared-destroyer"));
        await().atMost(Duration.ofSeconds(5)).pollInSameThread()
                .untilAsserted(() -> assertThat(aliveSince(before)).isEmpty());
    }

    private static Set<String> aliveSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName).collect(Collectors.toSet());
    }
}

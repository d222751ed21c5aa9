package io.streamscore.serving.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.XGBoostJsonModel;
import io.streamscore.serving.FaultInjectionFilter;
import io.streamscore.serving.InferenceServer;
import io.streamscore.serving.ServerConfig;
import io.streamscore.serving.ServingFixtures;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The micro-batching remote scorer against a real {@code streamscore serve} with faults injected at the server:
 * slow responses, 5xx, connection refused, a restart mid-stream (over REST and over gRPC). Every event gets a score
 * (remote, or the flagged fallback), the breaker opens and closes again, and the stats say what happened.
 */
class RemoteScorerFaultTest {
    private static final double FALLBACK = -1;

    @TempDir
    Path dir;
    ModelRegistry registry;
    FaultInjectionFilter faults = new FaultInjectionFilter();
    InferenceServer server;
    Scorer reference;

    @BeforeEach
    void start() throws Exception {
        registry = ServingFixtures.registry(dir);
        server = InferenceServer.start(ServerConfig.local(0).withGrpcPort(0), registry, List.of(faults));
        reference = XGBoostJsonModel.load(new ByteArrayInputStream(registry.modelBytes("fraud", 1))).scorer();
        // The JVM's first request loads the HTTP client's classes, which on a loaded machine ran past the 300 ms
        // timeout of config() and scored the healthy test's first batch by the fallback (seen once, 2026-12-07).
        warmUp(config());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteScoringConfig config() {
        return RemoteScoringConfig.defaults(server.url(), "fraud")
                .withBatching(16, Duration.ofMillis(5), 4)
                .withFaultHandling(Duration.ofMillis(300), 2, Duration.ofMillis(20), 3, Duration.ofMillis(500));
    }

    private static double[] row(int i) {
        return new double[] {i % 200, i % 24};
    }

    private List<RemoteScore> scoreAll(RemoteBatchScorer scorer, int from, int to) throws Exception {
        List<CompletableFuture<RemoteScore>> futures = new ArrayList<>();
        for (int i = from; i < to; i++) {
            futures.add(scorer.score(row(i)));
        }
        List<RemoteScore> scores = new ArrayList<>();
        for (CompletableFuture<RemoteScore> future : futures) {
            scores.add(future.get(30, TimeUnit.SECONDS));
        }
        return scores;
    }

    @Test
    void healthyServerScoresEveryEventInBatchesExactlyAsInProcess() throws Exception {
        try (RemoteBatchScorer scorer = new RemoteBatchScorer(config(), 2, FallbackScorer.constant(FALLBACK))) {
            List<RemoteScore> scores = scoreAll(scorer, 0, 400);
            for (int i = 0; i < scores.size(); i++) {
                assertThat(scores.get(i)).isEqualTo(new RemoteScore(reference.score(row(i)), "1", false));
            }
            assertThat(scorer.stats().requests()).isLessThanOrEqualTo(400 / 4);
            assertThat(scorer.stats().meanBatchSize()).isGreaterThan(4);
            assertThat(scorer.stats().fallbacks()).isZero();
        }
    }

    @Test
    void transient5xxIsRetriedWithoutFallback() throws Exception {
        faults.fail(503, 2);
        try (RemoteBatchScorer scorer = new RemoteBatchScorer(config(), 2, FallbackScorer.constant(FALLBACK))) {
            List<RemoteScore> scores = scoreAll(scorer, 0, 16);
            assertThat(scores).allSatisfy(score -> assertThat(score.fallback()).isFalse());
            assertThat(scorer.stats().retries()).isEqualTo(2);
            assertThat(scorer.stats().fallbacks()).isZero();
        }
    }

    @Test
    void nonRetryable4xxFallsBackAtOnceAndTheLogSaysWhy() throws Exception {
        faults.fail(400, 1);
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        FallbackLog log = new FallbackLog("the server", System::nanoTime, logged::add);
        try (RemoteBatchScorer scorer = new RemoteBatchScorer(config(), 2, FallbackScorer.constant(FALLBACK), log)) {
            List<RemoteScore> scores = scoreAll(scorer, 0, 16);
            assertThat(scores).allSatisfy(score -> assertThat(score).isEqualTo(new RemoteScore(FALLBACK, null, true)));
            assertThat(scorer.stats().retries()).isZero();
            assertThat(scorer.stats().fallbacks()).isEqualTo(16);
            // the first fallback at once, the rest of this burst summed up later
            assertThat(logged).singleElement().asString().contains("scored by the fallback", "HTTP 400");
        }
    }

    @Test
    void slowServerTimesOutAndFallsBackThenRecovers() throws Exception {
        faults.delay(1_000);
        try (RemoteBatchScorer scorer = new RemoteBatchScorer(config(), 2, FallbackScorer.constant(FALLBACK))) {
            List<RemoteScore> slow = scoreAll(scorer, 0, 32);
            assertThat(slow).allSatisfy(score -> assertThat(score.fallback()).isTrue());
            assertThat(scorer.stats().timeouts()).isGreaterThanOrEqualTo(3);
            assertThat(scorer.breakerOpenings()).isGreaterThanOrEqualTo(1);

            faults.heal();
            awaitRemoteScoring(scorer);
            assertThat(scorer.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void aServerThatStallsAfterItsHeadersTimesOutInsteadOfHoldingTheBatch() throws Exception {
        faults.stallBody(20_000);
        RemoteScoringConfig config = config().withFaultHandling(Duration.ofMillis(300), 1, Duration.ofMillis(20), 3,
                Duration.ofMillis(500));
        try (RemoteBatchScorer scorer = new RemoteBatchScorer(config, 2, FallbackScorer.constant(FALLBACK))) {
            RemoteScore stalled = scorer.score(row(1)).get(5, TimeUnit.SECONDS);

            assertThat(stalled).isEqualTo(new RemoteScore(FALLBACK, null, true));
            assertThat(scorer.stats().timeouts()).isEqualTo(2);
            assertThat(scorer.stats().retries()).isEqualTo(1);

            faults.heal();
            awaitRemoteScoring(scorer);
        }
    }

    @Test
    void persistent5xxOpensTheBreakerWhichClosesWhenTheServerHeals() throws Exception {
        faults.fail(500, Integer.MAX_VALUE);
        try (RemoteBatchScorer scorer = new RemoteBatchScorer(config(), 2, FallbackScorer.constant(FALLBACK))) {
            List<RemoteScore> failing = scoreAll(scorer, 0, 160);
            assertThat(failing).allSatisfy(score -> assertThat(score.fallback()).isTrue());
            assertThat(scorer.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
            int requestsWhileOpen = faults.requests();
            scoreAll(scorer, 0, 64);
            assertThat(faults.requests()).as("an open breaker sends nothing").isEqualTo(requestsWhileOpen);
            assertThat(scorer.stats().fallbacks()).isEqualTo(224);

            faults.heal();
            awaitRemoteScoring(scorer);
            assertThat(scorer.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void connectionRefusedAndARestartMidStreamLoseNothing(String transport) throws Exception {
        int port = server.port();
        int grpcPort = server.grpcPort();
        RemoteScoringConfig config = "gRPC".equals(transport) ? config().withUrl(server.grpcTarget()) : config();
        // The JVM's first call loads the client's classes (gRPC's Netty: ~400 ms here; the JDK's HTTP client less,
        // but on a loaded machine it too ran past this test's 300 ms timeout and opened the breaker before the test).
        warmUp(config);
        try (RemoteBatchScorer scorer = new RemoteBatchScorer(config, 2, FallbackScorer.constant(FALLBACK))) {
            List<RemoteScore> before = scoreAll(scorer, 0, 100);
            server.close();
            List<RemoteScore> down = scoreAll(scorer, 100, 200);
            server = InferenceServer.start(ServerConfig.local(port).withGrpcPort(grpcPort), registry,
                    List.of(faults));
            awaitRemoteScoring(scorer);
            List<RemoteScore> after = scoreAll(scorer, 200, 300);

            for (int i = 0; i < before.size(); i++) {
                assertThat(before.get(i)).isEqualTo(new RemoteScore(reference.score(row(i)), "1", false));
            }
            assertThat(down).hasSize(100).allSatisfy(score -> assertThat(score.fallback()).isTrue());
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i).score()).isEqualTo(reference.score(row(200 + i)));
            }
            assertThat(scorer.stats().failures()).isPositive();
            assertThat(scorer.breakerOpenings()).isPositive();
        }
    }

    private static void warmUp(RemoteScoringConfig config) throws Exception {
        RemoteScoringConfig patient = config.withFaultHandling(Duration.ofSeconds(10), 0, config.backoff(),
                config.breakerFailures(), config.breakerOpenFor());
        try (InferenceTransport client = InferenceTransport.open(patient)) {
            client.infer(new double[][] {row(1)}, 1, 2).get();
        }
    }

    /** Keeps scoring until the breaker has let a trial through and the server answered. */
    private void awaitRemoteScoring(RemoteBatchScorer scorer) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> !scorer.score(row(1)).get(10, TimeUnit.SECONDS).fallback());
    }
}

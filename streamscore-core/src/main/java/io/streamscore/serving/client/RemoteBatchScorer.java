package io.streamscore.serving.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Micro-batches single-event scoring into Open Inference Protocol requests: events join the open batch until it
 * holds {@code maxBatch} or {@code maxWait} has passed since its first; at most {@code maxInFlight} batches are
 * outstanding (the rest queue). A failed request is retried with exponential backoff and jitter when retrying may
 * help; a request that fails for good, or that the open {@link CircuitBreaker} refuses, is answered by the
 * {@link FallbackScorer}, as is a row the server answers with no number (null, NaN, an infinity). So every future
 * completes, with a score, within about {@code (retries + 1) * (timeout + backoff * 2^retries)}: the stream never
 * stalls and no event is lost.
 */
public final class RemoteBatchScorer implements AutoCloseable {
    private final RemoteScoringConfig config;
    private final int width;
    private final InferenceTransport client;
    private final FallbackScorer fallback;
    private final CircuitBreaker breaker;
    private final RemoteScoringStats stats = new RemoteScoringStats();
    private final FallbackLog fallbackLog;
    private final ScheduledExecutorService timer;
    private final ArrayDeque<Batch> waiting = new ArrayDeque<>();
    private Batch open;
    private int inFlight;

    private static final class Batch {
        final List<double[]> rows = new ArrayList<>();
        final List<CompletableFuture<RemoteScore>> results = new ArrayList<>();
        int attempt;
    }

    public RemoteBatchScorer(RemoteScoringConfig config, int width, FallbackScorer fallback) {
        this(config, width, fallback, new FallbackLog(config.endpoint()));
    }

    RemoteBatchScorer(RemoteScoringConfig config, int width, FallbackScorer fallback, FallbackLog fallbackLog) {
        this.config = config;
        this.width = width;
        this.fallback = fallback;
        this.client = InferenceTransport.open(config);
        this.fallbackLog = fallbackLog;
        this.breaker = new CircuitBreaker(config.breakerFailures(), config.breakerOpenFor().toNanos(),
                System::nanoTime);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamscore-remote-scorer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Scores one row (the model's features in order; copied by the caller if it reuses the array). */
    public CompletableFuture<RemoteScore> score(double[] row) {
        CompletableFuture<RemoteScore> result = new CompletableFuture<>();
        Batch full = null;
        synchronized (this) {
            if (open == null) {
                Batch batch = new Batch();
                open = batch;
                timer.schedule(() -> seal(batch), config.maxWait().toNanos(), TimeUnit.NANOSECONDS);
            }
            open.rows.add(row);
            open.results.add(result);
            if (open.rows.size() >= config.maxBatch()) {
                full = open;
                open = null;
            }
        }
        if (full != null) {
            dispatch(full);
        }
        return result;
    }

    private void seal(Batch batch) {
        synchronized (this) {
            if (open != batch) {
                return;
            }
            open = null;
        }
        dispatch(batch);
    }

    private void dispatch(Batch batch) {
        synchronized (this) {
            if (inFlight >= config.maxInFlight()) {
                waiting.add(batch);
                return;
            }
            inFlight++;
        }
        send(batch);
    }

    private void send(Batch batch) {
        if (!breaker.allow()) {
            stats.failure();
            finish(batch, null, "the circuit breaker is open after " + config.breakerFailures()
                    + " failed requests in a row; it lets one request through after "
                    + config.breakerOpenFor().toMillis() + " ms");
            return;
        }
        int count = batch.rows.size();
        stats.request(count);
        long started = System.nanoTime();
        client.infer(batch.rows.toArray(double[][]::new), count, width).whenComplete((result, error) -> {
            stats.latency(System.nanoTime() - started);
            if (error == null) {
                breaker.onSuccess();
                finish(batch, result, null);
            } else {
                failed(batch, error.getCause() instanceof RemoteCallException call ? call
                        : error instanceof RemoteCallException call ? call
                        : new RemoteCallException(error.toString(), false, false, error));
            }
        });
    }

    private void failed(Batch batch, RemoteCallException error) {
        if (error.timeout()) {
            stats.timeout();
        }
        breaker.onFailure();
        if (error.retryable() && batch.attempt < config.retries()) {
            batch.attempt++;
            stats.retry();
            long base = config.backoff().toNanos() << (batch.attempt - 1);
            long delay = base + (long) (ThreadLocalRandom.current().nextDouble(0.5) * base);
            timer.schedule(() -> send(batch), delay, TimeUnit.NANOSECONDS);
            return;
        }
        stats.failure();
        finish(batch, null, error.getMessage() + (batch.attempt > 0 ? " (after " + batch.attempt + " retries)" : ""));
    }

    /**
     * Completes every event of the batch (from the result, else the fallback, saying why in the log) and lets a
     * waiting batch go.
     */
    private void finish(Batch batch, InferenceTransport.Result result, String whyFallback) {
        if (result != null) {
            completeFromServer(batch, result);
        } else {
            stats.fallbacks(batch.rows.size());
            fallbackLog.fellBack(batch.rows.size(), whyFallback);
            for (int i = 0; i < batch.results.size(); i++) {
                completeWithFallback(batch.results.get(i), batch.rows.get(i));
            }
        }
        Batch next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            send(next);
        }
    }

    /**
     * Completes each event with the server's score; a row the server gave no number for (JSON {@code null}, NaN,
     * an infinity) is the fallback's, flagged, rather than a record with no score that no one sees as a failure.
     * The counts are taken first, so whoever sees an event completed sees it counted.
     */
    private void completeFromServer(Batch batch, InferenceTransport.Result result) {
        double[] scores = result.scores();
        int rows = batch.results.size();
        int unscored = 0;
        for (int i = 0; i < rows; i++) {
            if (!Double.isFinite(scores[i])) {
                unscored++;
            }
        }
        stats.scored(rows - unscored);
        if (unscored > 0) {
            stats.fallbacks(unscored);
            fallbackLog.fellBack(unscored, "the server answered no number (null, NaN or an infinity) for " + unscored
                    + " of the batch's " + rows + " rows");
        }
        for (int i = 0; i < rows; i++) {
            if (Double.isFinite(scores[i])) {
                batch.results.get(i).complete(new RemoteScore(scores[i], result.modelVersion(), false));
            } else {
                completeWithFallback(batch.results.get(i), batch.rows.get(i));
            }
        }
    }

    private void completeWithFallback(CompletableFuture<RemoteScore> result, double[] row) {
        try {
            result.complete(fallback.score(row));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    public RemoteScoringStats stats() {
        return stats;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    public long breakerOpenings() {
        return breaker.timesOpened();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }
}

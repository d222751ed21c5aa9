package io.streamscore.serving;

import io.streamscore.scoring.Scorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Server-side batching across concurrent requests for one model version: requests queue here and one thread, the
 * only one that touches the (single-threaded) {@link Scorer}, takes what has queued, up to {@code maxBatch} rows or
 * until {@code maxWait} has passed since the first, and scores it in one {@link Scorer#scoreBatch} call. With
 * {@code maxWait} zero it never waits: it batches what arrived while the previous batch was being scored. A batch
 * the model fails (it throws, or a native failure or allocation surfaces as an {@link Error}) fails every request in
 * it with a 500 from {@link ModelFailures}, and the next batch is scored. What it does is counted in its version's
 * {@link VersionMetrics} (the batcher thread never waits for a scrape to end: at most, during one, on the short lock
 * of the Prometheus client's histogram buffer).
 */
final class ServerBatcher implements AutoCloseable {
    private record Pending(double[][] rows, CompletableFuture<double[]> result, long enqueuedNanos) {}

    private final Scorer scorer;
    private final ModelFailures failures;
    private final VersionMetrics metrics;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    ServerBatcher(Scorer scorer, String name, int version, int maxBatch, Duration maxWait, VersionMetrics metrics) {
        this.scorer = scorer;
        this.failures = new ModelFailures(name, version);
        this.metrics = metrics;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.thread = new Thread(this::loop, "streamscore-serve-batcher-" + name + "-v" + version);
        thread.setDaemon(true);
        thread.start();
    }

    /** Scores {@code rows} (together with whatever else is queued); completes with one score per row. */
    CompletableFuture<double[]> score(double[][] rows) {
        CompletableFuture<double[]> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new InferenceException(503, "the model is being unloaded; retry"));
            return result;
        }
        queue.add(new Pending(rows, result, System.nanoTime()));
        return result;
    }

    /**
     * Scores until closed, then closes the scorer on this thread, so no batch can still be using it. Should the loop
     * itself die, every waiting and later request is answered 503 rather than left waiting for a thread that is gone.
     */
    private void loop() {
        try {
            scoreUntilClosed();
        } catch (RuntimeException | Error e) {
            closed = true;
            failQueued(new InferenceException(503, "the model's batcher stopped (" + e + "); reload the model"));
            throw e;
        } finally {
            scorer.close(); // ONNX: frees the session's native memory
        }
    }

    private void scoreUntilClosed() {
        List<Pending> batch = new ArrayList<>();
        while (!closed) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                collect(batch, first.rows.length);
                scoreAll(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void collect(List<Pending> batch, int rowsSoFar) throws InterruptedException {
        int rows = rowsSoFar;
        long deadline = System.nanoTime() + maxWaitNanos;
        while (rows < maxBatch) {
            long left = deadline - System.nanoTime();
            Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                return;
            }
            batch.add(next);
            rows += next.rows.length;
        }
    }

    private void scoreAll(List<Pending> batch) {
        int total = 0;
        long taken = System.nanoTime();
        for (Pending pending : batch) {
            total += pending.rows.length;
            metrics.queued(pending.enqueuedNanos, taken);
        }
        metrics.batchTaken(total);
        double[][] rows = new double[total][];
        int at = 0;
        for (Pending pending : batch) {
            System.arraycopy(pending.rows, 0, rows, at, pending.rows.length);
            at += pending.rows.length;
        }
        double[] scores = new double[total];
        try {
            scorer.scoreBatch(rows, total, scores);
        } catch (RuntimeException | Error e) {
            metrics.batchFailed();
            InferenceException failed = failures.failed(e);
            batch.forEach(p -> p.result.completeExceptionally(failed));
            return;
        }
        metrics.batchScored(total);
        at = 0;
        for (Pending pending : batch) {
            double[] own = new double[pending.rows.length];
            System.arraycopy(scores, at, own, 0, own.length);
            at += own.length;
            pending.result.complete(own);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        failQueued(new InferenceException(503, "the server is stopping; retry"));
    }

    private void failQueued(InferenceException why) {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.result.completeExceptionally(why);
        }
    }
}

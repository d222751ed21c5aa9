package io.streamscore.serving.client;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the remote scorer did, for the job's metrics: requests, batch sizes, latency, timeouts, retries, failures
 * and fallbacks. Counters are cumulative; latency percentiles are over the last {@value #WINDOW} requests.
 */
public final class RemoteScoringStats {
    static final int WINDOW = 1024;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rowsSent = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong remoteScored = new AtomicLong();
    private volatile int lastBatchSize;
    private final long[] latencyMicros = new long[WINDOW];
    private long latencyCount;

    void request(int batchSize) {
        requests.incrementAndGet();
        rowsSent.addAndGet(batchSize);
        lastBatchSize = batchSize;
    }

    synchronized void latency(long nanos) {
        latencyMicros[(int) (latencyCount++ % WINDOW)] = nanos / 1000;
    }

    void timeout() {
        timeouts.incrementAndGet();
    }

    void retry() {
        retries.incrementAndGet();
    }

    void failure() {
        failures.incrementAndGet();
    }

    void fallbacks(int count) {
        fallbacks.addAndGet(count);
    }

    void scored(int count) {
        remoteScored.addAndGet(count);
    }

    public long requests() {
        return requests.get();
    }

    public long timeouts() {
        return timeouts.get();
    }

    public long retries() {
        return retries.get();
    }

    /** Requests that failed for good (after their retries), or were refused by the open breaker. */
    public long failures() {
        return failures.get();
    }

    public long fallbacks() {
        return fallbacks.get();
    }

    public long remoteScored() {
        return remoteScored.get();
    }

    public int lastBatchSize() {
        return lastBatchSize;
    }

    public double meanBatchSize() {
        long sent = requests.get();
        return sent == 0 ? 0 : (double) rowsSent.get() / sent;
    }

    /** The latency percentile {@code p} (0..1) of recent requests, in milliseconds. */
    public synchronized double latencyMillis(double p) {
        int size = (int) Math.min(latencyCount, WINDOW);
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(latencyMicros, size);
        Arrays.sort(sorted);
        return sorted[Math.min(size - 1, (int) Math.floor(p * size))] / 1000.0;
    }
}

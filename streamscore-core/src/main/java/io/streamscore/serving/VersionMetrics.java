package io.streamscore.serving;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code serve} counts for one loaded model version ({@link ServeMetrics} exports it): inference requests by
 * protocol and status, the latency of those answered with scores, and what its {@link ServerBatcher} does (rows per
 * batch, each request's wait in the queue, rows scored, batches the model failed). Every update is a
 * {@link LongAdder} increment or a {@link ServeHistogram} record: no lock, no allocation, safe from the handler,
 * gRPC and batcher threads at once.
 */
final class VersionMetrics {
    /** The protocol a request came in by, its {@code protocol} label. */
    enum Protocol {
        REST, GRPC;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    /** The statuses the server answers inference with (gRPC's as their REST equivalents); another counts as "other". */
    static final int[] CODES = {200, 400, 404, 405, 413, 415, 500, 503};
    private static final double NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    final Labels labels;
    private final LongAdder[][] requests = new LongAdder[Protocol.values().length][CODES.length + 1];
    private final ServeHistogram[] latency = new ServeHistogram[Protocol.values().length];
    final ServeHistogram batchRows = new ServeHistogram(ServeHistogram.ROWS);
    final ServeHistogram queueWait = new ServeHistogram(ServeHistogram.MILLIS);
    final LongAdder rowsScored = new LongAdder();
    final LongAdder failedBatches = new LongAdder();

    /** @param model and {@code version}: the labels; empty for requests that reached no loaded version */
    VersionMetrics(String model, String version) {
        this.labels = Labels.of("model", model, "version", version);
        for (LongAdder[] byCode : requests) {
            for (int i = 0; i < byCode.length; i++) {
                byCode[i] = new LongAdder();
            }
        }
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new ServeHistogram(ServeHistogram.MILLIS);
        }
    }

    /**
     * Counts an inference request answered with {@code status}; one answered with scores (200) also records its
     * latency, from {@code receivedNanos} ({@link System#nanoTime}) to now, its response ready to send.
     */
    void answered(Protocol protocol, int status, long receivedNanos) {
        requests[protocol.ordinal()][slot(status)].increment();
        if (status == 200) {
            latency[protocol.ordinal()].record(millisSince(receivedNanos));
        }
    }

    /** Counts an inference request that failed with {@code failure}: its status, or 500 for the server's own fault. */
    void failed(Protocol protocol, RuntimeException failure, long receivedNanos) {
        answered(protocol, failure instanceof InferenceException refused ? refused.status() : 500, receivedNanos);
    }

    /** A batch the batcher takes from the queue: its rows, and the wait of each request in it is recorded apart. */
    void batchTaken(int rows) {
        batchRows.record(rows);
    }

    void queued(long enqueuedNanos, long takenNanos) {
        queueWait.record((takenNanos - enqueuedNanos) / NANOS_PER_MILLI);
    }

    void batchScored(int rows) {
        rowsScored.add(rows);
    }

    void batchFailed() {
        failedBatches.increment();
    }

    long requests(Protocol protocol, int slot) {
        return requests[protocol.ordinal()][slot].sum();
    }

    ServeHistogram latency(Protocol protocol) {
        return latency[protocol.ordinal()];
    }

    /** The {@code code} label of a slot: the status, or "other". */
    static String code(int slot) {
        return slot < CODES.length ? Integer.toString(CODES[slot]) : "other";
    }

    private static int slot(int status) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i] == status) {
                return i;
            }
        }
        return CODES.length;
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / NANOS_PER_MILLI;
    }
}

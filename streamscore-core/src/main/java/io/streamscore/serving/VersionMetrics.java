package io.streamscore.serving;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

/**
 * What {@code serve} counts for one loaded model version ({@link ServeMetrics} exports it): its inference requests
 * ({@link RequestMetrics}) and what its {@link ServerBatcher} does (rows per batch, each request's wait in the
 * queue, rows scored, batches the model failed). The batch series are taken from their families when the version
 * loads, so a loaded version shows them at zero before its first batch. Safe from the handler, gRPC and batcher
 * threads at once: outside a scrape an update is the Prometheus client's adder increments (a histogram adds one
 * atomic count per series), no lock, no allocation; while a scrape reads a histogram series, its observations go to
 * the client's buffer under a short lock and are applied after, so the scrape's buckets, count and sum agree.
 */
final class VersionMetrics extends RequestMetrics {
    final DistributionDataPoint batchRows;
    final DistributionDataPoint queueWait;
    final CounterDataPoint rowsScored;
    final CounterDataPoint failedBatches;

    VersionMetrics(ServeMetrics families, String model, String version) {
        super(families, model, version);
        this.batchRows = families.batchRows.labelValues(model, version);
        this.queueWait = families.queueWait.labelValues(model, version);
        this.rowsScored = families.rowsScored.labelValues(model, version);
        this.failedBatches = families.modelFailures.labelValues(model, version);
    }

    /** A batch the batcher takes from the queue: its rows, and the wait of each request in it is recorded apart. */
    void batchTaken(int rows) {
        batchRows.observe(rows);
    }

    void queued(long enqueuedNanos, long takenNanos) {
        queueWait.observe((takenNanos - enqueuedNanos) / NANOS_PER_MILLI);
    }

    void batchScored(int rows) {
        rowsScored.inc(rows);
    }

    void batchFailed() {
        failedBatches.inc();
    }
}

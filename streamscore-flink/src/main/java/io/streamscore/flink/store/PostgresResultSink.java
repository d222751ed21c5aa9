package io.streamscore.flink.store;

import io.streamscore.flink.metrics.PipelineMetrics;
import io.streamscore.flink.sink.OutputRecord;
import io.streamscore.spec.PostgresStoreSpec;
import java.io.IOException;
import java.sql.SQLException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

/**
 * The PostgreSQL results database as a Flink sink over the pipeline's encoded outputs: scores and alerts are
 * upserted, everything else is ignored. Batches are flushed when full and before every checkpoint barrier passes,
 * so a completed checkpoint implies its results are committed in PostgreSQL; after a failure the replayed results
 * upsert onto the same rows: at-least-once delivery, exactly one row per event.
 */
public final class PostgresResultSink implements Sink<OutputRecord> {
    private static final long serialVersionUID = 1L;

    private final PostgresStoreSpec spec;
    private final String scoresTopic;
    private final String alertsTopic;

    public PostgresResultSink(PostgresStoreSpec spec, String scoresTopic, String alertsTopic) {
        this.spec = spec;
        this.scoresTopic = scoresTopic;
        this.alertsTopic = alertsTopic;
    }

    @Override
    public SinkWriter<OutputRecord> createWriter(WriterInitContext context) throws IOException {
        try {
            return new Writer(PostgresResultWriter.connect(spec, scoresTopic, alertsTopic),
                    PipelineMetrics.pipelineGroup(context.metricGroup()).counter(PipelineMetrics.RESULTS_STORE_ROWS));
        } catch (SQLException e) {
            throw new IOException("cannot open the results database " + spec.url() + ": " + e.getMessage(), e);
        }
    }

    /** One subtask's writer. */
    private static final class Writer implements SinkWriter<OutputRecord> {
        private final PostgresResultWriter database;
        private final Counter rows;

        Writer(PostgresResultWriter database, Counter rows) {
            this.database = database;
            this.rows = rows;
        }

        @Override
        public void write(OutputRecord record, Context context) throws IOException {
            try {
                rows.inc(database.write(record));
            } catch (SQLException e) {
                throw new IOException("writing results to PostgreSQL failed", e);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            try {
                rows.inc(database.flush());
            } catch (SQLException e) {
                throw new IOException("writing results to PostgreSQL failed", e);
            }
        }

        @Override
        public void close() {
            database.close();
        }
    }
}

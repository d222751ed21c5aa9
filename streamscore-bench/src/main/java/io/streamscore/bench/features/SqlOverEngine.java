package io.streamscore.bench.features;

import io.streamscore.event.Event;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * Flink SQL's answer: an {@code OVER (PARTITION BY key ORDER BY ts RANGE INTERVAL '5' MINUTE PRECEDING)} aggregate
 * over the same stream (its timestamps and watermarks), one output row per input event, on the heap state backend.
 * SQL orders rows by time (buffering them until the watermark passes) and its range includes rows at exactly
 * {@code ts - 5 min} and every row with the same time.
 */
final class SqlOverEngine implements FeatureEngine {
    static final String QUERY = "SELECT eventId, COUNT(amount) OVER w, SUM(amount) OVER w, AVG(amount) OVER w, "
            + "MAX(amount) OVER w FROM (SELECT eventId, `key`, numbers[1] AS amount, rowtime FROM events) "
            + "WINDOW w AS (PARTITION BY `key` ORDER BY rowtime RANGE BETWEEN INTERVAL '5' MINUTE PRECEDING "
            + "AND CURRENT ROW)";

    @Override
    public String name() {
        return "sql-over";
    }

    @Override
    public String description() {
        return "Flink SQL: " + QUERY + "; heap state";
    }

    @Override
    public void configure(Configuration job) {
        job.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    }

    @Override
    public DataStream<Row> outputs(DataStream<Event> events) {
        StreamTableEnvironment tables = StreamTableEnvironment.create(events.getExecutionEnvironment());
        Table input = tables.fromDataStream(events, Schema.newBuilder()
                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                .watermark("rowtime", "SOURCE_WATERMARK()")
                .build());
        tables.createTemporaryView("events", input);
        return tables.toDataStream(tables.sqlQuery(QUERY));
    }

    @Override
    public DataStream<FeatureSample> samples(DataStream<Event> events) {
        return outputs(events).map(new ToSample()).name("to-sample");
    }

    private static final class ToSample implements MapFunction<Row, FeatureSample> {
        @Override
        public FeatureSample map(Row row) {
            return new FeatureSample((String) row.getField(0), (Long) row.getField(1), (Double) row.getField(2),
                    (Double) row.getField(3), (Double) row.getField(4));
        }
    }
}

package io.streamscore.bench.features;

import io.streamscore.event.Event;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The bounded in-memory source every engine reads: sequence numbers -> pre-generated events -> event-time timestamps
 * and watermarks, all chained into one source task. The same operators for every engine, so their cost cancels out
 * of the comparison.
 */
final class ReplaySource {
    private ReplaySource() {}

    /**
     * @param limit         replay the first {@code limit} events
     * @param keepAlive     after the last event keep the job running (heartbeats only), for state snapshots
     * @param boundMillis   bounded-out-of-orderness of the watermark
     */
    static DataStream<Event> events(StreamExecutionEnvironment env, String input, int limit, boolean keepAlive,
                                    long boundMillis) {
        long last = keepAlive ? Long.MAX_VALUE - 1 : limit - 1;
        WatermarkStrategy<Event> watermarks = WatermarkStrategy
                .<Event>forGenerator(context -> new ReplayWatermarkGenerator(boundMillis))
                .withTimestampAssigner((event, previous) -> event.eventTime);
        return env.fromSource(new NumberSequenceSource(0, last), WatermarkStrategy.noWatermarks(), "replay")
                .map(new ReplayFunction(input, limit)).name("events")
                .filter(new DropHeartbeats()).name("drop-heartbeats")
                .assignTimestampsAndWatermarks(watermarks).name("watermarks");
    }

    private static final class DropHeartbeats implements FilterFunction<Event> {
        @Override
        public boolean filter(Event event) {
            return !ReplayFunction.isHeartbeat(event);
        }
    }
}

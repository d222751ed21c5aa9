package io.streamscore.bench.features;

import io.streamscore.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Flink's native answer: {@code SlidingEventTimeWindows.of(5 min, 10 s)} with an incremental {@code AggregateFunction}
 * (one accumulator per key and window, each event added to 30 windows), emitting per key and window end, on the heap
 * state backend.
 */
final class SlidingWindowEngine implements FeatureEngine {
    static final Duration SLIDE = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "datastream-sliding";
    }

    @Override
    public String description() {
        return "keyBy(key).window(SlidingEventTimeWindows.of(5 min, 10 s)).aggregate(count/sum/max accumulator, "
                + "window function adding key and end): one output per key and window [end - 5 min, end); heap state";
    }

    @Override
    public boolean answersEveryEvent() {
        return false;
    }

    @Override
    public void configure(Configuration job) {
        job.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    }

    @Override
    public DataStream<WindowFeatures> outputs(DataStream<Event> events) {
        return events.keyBy(event -> event.key)
                .window(SlidingEventTimeWindows.of(StreamscoreEngine.WINDOW, SLIDE))
                .aggregate(new AmountFeaturesAggregator(), new WindowResultFunction()).name("sliding-windows");
    }

    @Override
    public DataStream<FeatureSample> samples(DataStream<Event> events) {
        return outputs(events).map(new ToSample()).name("to-sample");
    }

    /** The sample id of a window: the probe that our engine answers for the same key and window end. */
    static String probeId(String key, long windowEnd) {
        return "probe:" + key + ":" + windowEnd;
    }

    private static final class WindowResultFunction
            extends ProcessWindowFunction<double[], WindowFeatures, String, TimeWindow> {
        @Override
        public void process(String key, Context context, Iterable<double[]> results, Collector<WindowFeatures> out) {
            out.collect(new WindowFeatures(key, context.window().getEnd(), results.iterator().next()));
        }
    }

    private static final class ToSample implements MapFunction<WindowFeatures, FeatureSample> {
        @Override
        public FeatureSample map(WindowFeatures w) {
            return new FeatureSample(probeId(w.key, w.windowEnd), w.count, w.sum, w.avg, w.max);
        }
    }
}

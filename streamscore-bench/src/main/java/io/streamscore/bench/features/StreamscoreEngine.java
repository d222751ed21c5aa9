package io.streamscore.bench.features;

import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import io.streamscore.event.FieldType;
import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.FeatureGroup;
import io.streamscore.features.FeatureSet;
import io.streamscore.flink.features.FeatureKeySelector;
import io.streamscore.flink.features.WindowFeatureFunction;
import io.streamscore.flink.features.WindowFeatureOperator;
import io.streamscore.spec.RuntimeSpec;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Streamscore's feature stage as a pipeline wires it for one feature group: {@code keyBy(}{@link FeatureKeySelector}
 * {@code ).transform(}{@link WindowFeatureOperator}{@code (}{@link WindowFeatureFunction}{@code ))}, one
 * {@link io.streamscore.features.KeyedWindowState} per key, every event answered as of its own time, on the heap or
 * the RocksDB state backend (on RocksDB with the pipeline's default state cache, or with none: the baseline). Late
 * events (none are expected: the allowed lateness is 0 and the watermark bound covers the input's disorder) are counted
 * by {@link LateEventCounter}.
 */
final class StreamscoreEngine implements FeatureEngine {
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final EventField AMOUNT = new EventField("amount", FieldType.DOUBLE, false, 0);
    static final EventField CARD = new EventField("card", FieldType.STRING, false, 0);
    private static final long ALLOWED_LATENESS_MILLIS = 0;

    private final String backend;
    private final int cachedKeys;

    /** @param backend {@code hashmap} (heap) or {@code rocksdb}, with the pipeline's default state cache */
    StreamscoreEngine(String backend) {
        this(backend, RuntimeSpec.DEFAULT_STATE_CACHE_KEYS);
    }

    /** @param cachedKeys the RocksDB state cache ({@code runtime.state_cache_keys}); 0: none */
    StreamscoreEngine(String backend, int cachedKeys) {
        this.backend = backend;
        this.cachedKeys = cachedKeys;
    }

    /** count, sum, avg, max of the amount over 5 minutes, default tile (window / 300 = 1 s). */
    static FeatureSet amountFeatures() {
        return FeatureSet.of(
                FeatureDefinition.builder("count").aggregation(Aggregation.COUNT).field(AMOUNT).window(WINDOW).build(),
                FeatureDefinition.builder("sum").aggregation(Aggregation.SUM).field(AMOUNT).window(WINDOW).build(),
                FeatureDefinition.builder("avg").aggregation(Aggregation.AVG).field(AMOUNT).window(WINDOW).build(),
                FeatureDefinition.builder("max").aggregation(Aggregation.MAX).field(AMOUNT).window(WINDOW).build());
    }

    /** The benchmark's one feature group: the input's source keyed by card, its features in columns 0..3. */
    static FeatureGroup amountGroup() {
        return new FeatureGroup(BenchInputGenerator.SOURCE, List.of(CARD), amountFeatures(), 0,
                List.of("count", "sum", "avg", "max"));
    }

    @Override
    public String name() {
        if (!"rocksdb".equals(backend)) {
            return "streamscore-heap";
        }
        return cachedKeys == 0 ? "streamscore-rocksdb-uncached" : "streamscore-rocksdb";
    }

    @Override
    public String description() {
        return "keyBy(FeatureKeySelector).transform(WindowFeatureOperator): KeyedWindowState per key in ValueState, "
                + "one output event per input with 4 features as of its time; window (t - 5 min, t], tile 1 s; "
                + backend + " state backend" + ("rocksdb".equals(backend) ? ", state cache of " + cachedKeys
                + " keys" : "");
    }

    @Override
    public void configure(Configuration job) {
        job.set(StateBackendOptions.STATE_BACKEND, backend);
    }

    @Override
    public DataStream<?> outputs(DataStream<Event> events) {
        return features(events);
    }

    @Override
    public DataStream<FeatureSample> samples(DataStream<Event> events) {
        return features(events).map(new ToSample()).name("to-sample");
    }

    private DataStream<Event> features(DataStream<Event> events) {
        FeatureGroup group = amountGroup();
        SingleOutputStreamOperator<Event> computed = events.keyBy(new FeatureKeySelector(group, false), Types.STRING)
                .transform("features", events.getType(), new WindowFeatureOperator(
                        new WindowFeatureFunction(group, group.columns().size(), ALLOWED_LATENESS_MILLIS), cachedKeys));
        computed.getSideOutput(WindowFeatureFunction.LATE).map(new LateEventCounter()).name("late-counter")
                .sinkTo(new DiscardingSink<>()).name("late-discard");
        return computed;
    }

    /** Event features are in {@link #amountFeatures()} order: count, sum, avg, max. */
    private static final class ToSample implements MapFunction<Event, FeatureSample> {
        @Override
        public FeatureSample map(Event event) {
            double[] f = event.features;
            return new FeatureSample(event.eventId, (long) f[0], f[1], f[2], f[3]);
        }
    }
}

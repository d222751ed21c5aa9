package io.streamscore.bench;

import io.streamscore.event.EventField;
import io.streamscore.event.FieldType;
import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.FeatureSet;
import io.streamscore.features.KeyedWindowState;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per event of {@link KeyedWindowState#update} with five features (count, sum, avg, max, stddev) over one window
 * length, for one key at 20 events/s, in order or with 5% of events out of order (within 2 s out-of-orderness and
 * 5 s lateness, the horizon following the watermark). Reports ns per event; one invocation replays the whole stream
 * into a fresh state, so window filling, compaction and eviction are all inside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class WindowAggregationBenchmark {
    private static final int EVENTS = 200_000;
    private static final long OUT_OF_ORDERNESS = 2_000;
    private static final long LATENESS = 5_000;

    @Param({"PT5M", "PT1H", "PT24H"})
    public String window;

    @Param({"0.0", "0.05"})
    public double disorder;

    private FeatureSet features;
    private long[] times;
    private long[] horizons;
    private double[][] numbers;
    private final String[] strings = new String[0];

    @Setup
    public void prepare() {
        EventField amount = new EventField("amount", FieldType.DOUBLE, false, 0);
        Duration length = Duration.parse(window);
        features = FeatureSet.of(
                FeatureDefinition.builder("count").aggregation(Aggregation.COUNT).window(length).build(),
                FeatureDefinition.builder("sum").aggregation(Aggregation.SUM).field(amount).window(length).build(),
                FeatureDefinition.builder("avg").aggregation(Aggregation.AVG).field(amount).window(length).build(),
                FeatureDefinition.builder("max").aggregation(Aggregation.MAX).field(amount).window(length).build(),
                FeatureDefinition.builder("stddev").aggregation(Aggregation.STDDEV).field(amount).window(length)
                        .build());
        generateStream(new Random(42));
    }

    private void generateStream(Random random) {
        times = new long[EVENTS];
        horizons = new long[EVENTS];
        numbers = new double[EVENTS][];
        long latest = 1_700_000_000_000L;
        for (int i = 0; i < EVENTS; i++) {
            long horizon = latest - OUT_OF_ORDERNESS - LATENESS;
            boolean late = random.nextDouble() < disorder;
            long time = late ? latest - random.nextInt((int) (OUT_OF_ORDERNESS + LATENESS))
                    : latest + random.nextInt(100);
            times[i] = Math.max(time, horizon + 1);
            horizons[i] = horizon;
            numbers[i] = new double[] {random.nextInt(10_000) / 100.0};
            latest = Math.max(latest, times[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void updatePerEvent(Blackhole blackhole) {
        KeyedWindowState state = features.newState();
        for (int i = 0; i < EVENTS; i++) {
            blackhole.consume(state.update(times[i], numbers[i], strings, horizons[i]));
        }
    }
}

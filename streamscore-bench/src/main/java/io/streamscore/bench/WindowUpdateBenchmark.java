package io.streamscore.bench;

import io.streamscore.bench.features.SnapshotStates;
import io.streamscore.event.EventSchema;
import io.streamscore.features.FeatureSet;
import io.streamscore.features.FeatureVector;
import io.streamscore.features.KeyedWindowState;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one payment costs the feature operator's window code, for one of the fraud example's feature groups over 10K
 * keys holding a day of history ({@link SnapshotStates}): each payment goes to a random key, 100 ms of event time after
 * the previous one (so a key sees one every ~1,000 s, ~86 a day), with the horizon 35 s behind, so compaction, the
 * distinct merchants' bookkeeping and eviction all run as in the pipeline, and a key's state is cold in the CPU cache
 * by its next payment, as it is there. Reports ns per payment. Run with
 * {@code java -jar streamscore-bench/target/streamscore-bench.jar jmh WindowUpdateBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WindowUpdateBenchmark {
    private static final int KEYS = 10_000;
    private static final int BATCH = 10_000;
    private static final EventSchema SCHEMA = EventSchema.builtIn("transaction");

    @Param({"user_id", "card_id"})
    public String group;

    private KeyedWindowState[] states;
    private FeatureVector out;
    private final Random random = new Random(7);
    private final double[] numbers = SCHEMA.newNumbers();
    private final String[] strings = SCHEMA.newStrings();
    private final int amountSlot = SCHEMA.require("amount").slot();
    private final int merchantSlot = SCHEMA.require("merchant_id").slot();
    private String[] merchants;
    private int[] keys;
    private double[] amounts;
    private int[] merchantPicks;
    private long time = SnapshotStates.NOW;

    @Setup(Level.Trial)
    public void prepare() {
        FeatureSet features = SnapshotStates.fraudGroup(group);
        states = SnapshotStates.build(features, KEYS, 10, 20, 20, 42);
        out = features.newVector();
        merchants = new String[2_000];
        for (int i = 0; i < merchants.length; i++) {
            merchants[i] = "m-" + (100_000 + i);
        }
    }

    /** The batch's inputs are drawn before it runs, so the random numbers are not measured. */
    @Setup(Level.Invocation)
    public void drawBatch() {
        keys = random.ints(BATCH, 0, KEYS).toArray();
        amounts = random.doubles(BATCH).map(x -> Math.round(Math.exp(3 + 2 * x) * 100) / 100.0).toArray();
        merchantPicks = random.ints(BATCH, 0, merchants.length).toArray();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public FeatureVector update() {
        for (int i = 0; i < BATCH; i++) {
            time += 100;
            numbers[amountSlot] = amounts[i];
            strings[merchantSlot] = merchants[merchantPicks[i]];
            KeyedWindowState state = states[keys[i]];
            state.update(time, numbers, strings, time - SnapshotStates.LATENESS, out);
        }
        return out;
    }
}

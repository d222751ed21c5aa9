package io.streamscore.bench.features;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The end of every benchmark job: counts outputs, stamps the time of the last one (accumulator
 * {@link #FINISHED_NANOS}, {@link System#nanoTime()} when the input has ended and every output has arrived) and, in
 * agreement runs, keeps the {@link FeatureSample}s it receives. Emits nothing; a discarding sink follows.
 *
 * <p>It is chained to each engine's keyed operator, so it runs in the keyed task's thread: accumulator
 * {@link #TASK_CPU_NANOS} is that thread's CPU time from open to close, i.e. what the engine's keyed stage cost
 * (deserializing its input, the engine's operators, timers, state), excluding the source thread, GC threads and
 * RocksDB's background threads, and unaffected by other processes competing for the cores.
 */
final class OutputProbe<T> extends RichFlatMapFunction<T, Void> {
    static final String OUTPUTS = "outputs";
    static final String FINISHED_NANOS = "finished-nanos";
    static final String SAMPLES = "samples";
    static final String TASK_CPU_NANOS = "task-cpu-nanos";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final boolean keepSamples;
    private transient LongCounter outputs;
    private transient ArrayList<FeatureSample> samples;
    private transient long cpuAtOpen;

    OutputProbe(boolean keepSamples) {
        this.keepSamples = keepSamples;
    }

    @Override
    public void open(OpenContext context) {
        outputs = new LongCounter();
        getRuntimeContext().addAccumulator(OUTPUTS, outputs);
        samples = new ArrayList<>();
        cpuAtOpen = THREADS.getCurrentThreadCpuTime();
    }

    @Override
    public void flatMap(T value, Collector<Void> out) {
        outputs.add(1);
        if (keepSamples) {
            samples.add((FeatureSample) value);
        }
    }

    @Override
    public void close() {
        LongMaximum finished = new LongMaximum();
        finished.add(System.nanoTime());
        getRuntimeContext().addAccumulator(FINISHED_NANOS, finished);
        getRuntimeContext().addAccumulator(TASK_CPU_NANOS,
                new LongCounter(THREADS.getCurrentThreadCpuTime() - cpuAtOpen));
        // Registered only now: Flink serializes live accumulators from another thread, a list growing meanwhile
        // would fail that with a ConcurrentModificationException.
        ListAccumulator<FeatureSample> kept = new ListAccumulator<>();
        samples.forEach(kept::add);
        getRuntimeContext().addAccumulator(SAMPLES, kept);
    }

    static ArrayList<FeatureSample> samples(Object accumulated) {
        @SuppressWarnings("unchecked")
        ArrayList<FeatureSample> list = (ArrayList<FeatureSample>) accumulated;
        return list;
    }
}

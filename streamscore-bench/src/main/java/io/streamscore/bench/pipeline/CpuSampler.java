package io.streamscore.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Samples the CPU time of the whole benchmark process every few milliseconds during a run, so a run can report what
 * one event cost in CPU between two instants: the embedded broker, the pipeline (or the raw loop) and the reader all
 * live in this process, as they do for every variant, so the figures compare like with like.
 *
 * <p>Why: on this 2-core shared machine, events per second follow whatever else runs (the same raw loop gave 250K
 * and 632K ev/s in one run). CPU spent per event moves much less with other load, so the ratio of two variants' CPU
 * per event is the throughput ratio a machine of our own would show when the work is CPU-bound, which it is here.
 */
final class CpuSampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 10;

    private final LongSupplier cpuNanos;
    private final Thread thread;
    private long[] epochMillis = new long[1024];
    private long[] cpu = new long[1024];
    private int count;
    private volatile boolean running = true;

    CpuSampler() {
        this(processCpuNanos());
    }

    CpuSampler(LongSupplier cpuNanos) {
        this.cpuNanos = cpuNanos;
        sample();
        this.thread = new Thread(this::sampleUntilClosed, "bench-cpu-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** The process's CPU time in nanoseconds, all threads, from the JDK's operating system bean. */
    private static LongSupplier processCpuNanos() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
                || os.getProcessCpuTime() < 0) {
            throw new IllegalStateException("this JVM does not report its process CPU time "
                    + "(com.sun.management.OperatingSystemMXBean): the benchmark needs a HotSpot-based JDK");
        }
        return os::getProcessCpuTime;
    }

    private void sampleUntilClosed() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private synchronized void sample() {
        if (count == cpu.length) {
            epochMillis = Arrays.copyOf(epochMillis, 2 * count);
            cpu = Arrays.copyOf(cpu, 2 * count);
        }
        epochMillis[count] = System.currentTimeMillis();
        cpu[count] = cpuNanos.getAsLong();
        count++;
    }

    /**
     * Microseconds of CPU per event over a run's steady part: the CPU spent between the instants of
     * {@code window} (epoch milliseconds), over its events. NaN when the samples do not
     * cover the window.
     */
    synchronized double microsPerEvent(SteadyWindow window) {
        double spentNanos = cpuAt(window.toMillis()) - cpuAt(window.fromMillis());
        return spentNanos / 1_000.0 / window.events();
    }

    /** The process's CPU time at {@code at}, interpolated between the samples around it; NaN outside them. */
    private double cpuAt(double at) {
        if (count == 0 || at < epochMillis[0] || at > epochMillis[count - 1]) {
            return Double.NaN;
        }
        int after = firstAtOrAfter(at);
        int before = after - 1;
        if (after == 0 || epochMillis[before] == epochMillis[after]) {
            return cpu[after];
        }
        double share = (at - epochMillis[before]) / (double) (epochMillis[after] - epochMillis[before]);
        return cpu[before] + share * (cpu[after] - cpu[before]);
    }

    /** The first sample taken at or after {@code at} (there is one: {@code at} is within the samples). */
    private int firstAtOrAfter(double at) {
        int low = 0;
        int high = count - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (epochMillis[middle] < at) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2_000);
        sample();
    }

    /**
     * The steady part of a run: {@code events} results between the instants of its 10th and 90th percentile result
     * (in milliseconds of the results' clock; epoch milliseconds for {@link #microsPerEvent}), so neither the job's
     * start nor the last checkpoint's wait counts.
     */
    record SteadyWindow(double fromMillis, double toMillis, int events) {
        /** The window of results at {@code nanos}, in ascending order. */
        static SteadyWindow of(long[] nanos) {
            int from = nanos.length / 10;
            int to = nanos.length * 9 / 10;
            return new SteadyWindow(nanos[from] / 1e6, nanos[to] / 1e6, to - from);
        }

        /** Results per second in the window (a window of zero length counts as 1 ns). */
        double eventsPerSecond() {
            double seconds = Math.max(1e-9, (toMillis - fromMillis) / 1e3);
            return events / seconds;
        }
    }
}

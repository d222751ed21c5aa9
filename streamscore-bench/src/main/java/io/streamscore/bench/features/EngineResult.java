package io.streamscore.bench.features;

import java.util.List;

/**
 * One engine on one key count: the timed runs, their median, and the state it held at the end of the input.
 *
 * @param eventsPerSecond        each timed run's input events / wall seconds from the first event to the last output
 * @param eventsPerTaskCpuSecond each timed run's input events / CPU seconds of the keyed task's thread
 * @param savepointBytes         size of a canonical savepoint taken right after the last event
 */
public record EngineResult(String engine, int keys, int events, List<Double> eventsPerSecond,
                           List<Double> eventsPerTaskCpuSecond, long outputs, long savepointBytes) {
    public EngineResult {
        eventsPerSecond = List.copyOf(eventsPerSecond);
        eventsPerTaskCpuSecond = List.copyOf(eventsPerTaskCpuSecond);
    }

    /** Median wall-clock events/s at parallelism 1. */
    public double median() {
        return median(eventsPerSecond);
    }

    /** Median events per CPU second of the keyed task: the engine's events/s on one core of its own. */
    public double medianPerTaskCpu() {
        return median(eventsPerTaskCpuSecond);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Savepoint bytes divided by the key-space size (keys that expired or never appeared hold nothing). */
    public double stateBytesPerKey() {
        return (double) savepointBytes / keys;
    }
}

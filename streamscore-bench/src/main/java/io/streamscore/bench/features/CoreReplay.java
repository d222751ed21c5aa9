package io.streamscore.bench.features;

import io.streamscore.event.Event;
import io.streamscore.features.FeatureSet;
import io.streamscore.features.FeatureVector;
import io.streamscore.features.KeyedWindowState;
import io.streamscore.features.KeyedWindowStateSerializer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A reference for the breakdown, not an engine: the same input through {@link KeyedWindowState#update} in a plain
 * {@link HashMap} on this thread, no Flink (no serialization across keyBy, no state backend, no timers, no output
 * events; states never expire). The horizon follows the watermark the Flink jobs see (bound 5 s, advanced per 200 ms of
 * event time). Its events per CPU second are the ceiling of the feature engine itself.
 */
final class CoreReplay {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CoreReplay() {}

    static final String NAME = "reference-core-no-flink";

    /** Wall and CPU events/s of one replay, and the serialized bytes of every key's state at its end. */
    record Result(double eventsPerSecond, double eventsPerCpuSecond, long stateBytes) {}

    /** Replays the input once on this thread. */
    static Result replay(BenchInput input, FeatureSet features) throws IOException {
        Map<String, KeyedWindowState> states = new HashMap<>();
        FeatureVector vector = features.newVector();
        long newest = Long.MIN_VALUE;
        long horizon = Long.MIN_VALUE;
        double checksum = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (Event event : input.events()) {
            if (event.eventTime > newest) {
                newest = event.eventTime;
                long watermark = newest - input.outOfOrderMillis() - 1;
                if (horizon == Long.MIN_VALUE || watermark - horizon >= ReplayWatermarkGenerator.GRANULARITY_MILLIS) {
                    horizon = watermark;
                }
            }
            KeyedWindowState state = states.computeIfAbsent(event.key, key -> features.newState());
            state.update(event.eventTime, event.numbers, event.strings, horizon, vector);
            checksum += vector.value(0);
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        if (checksum < 0) {
            throw new IllegalStateException("negative count");
        }
        return new Result(input.size() / (wall / 1e9), input.size() / (cpu / 1e9), serializedBytes(states, features));
    }

    private static long serializedBytes(Map<String, KeyedWindowState> states, FeatureSet features)
            throws IOException {
        KeyedWindowStateSerializer serializer = new KeyedWindowStateSerializer(features);
        DataOutputSerializer out = new DataOutputSerializer(4096);
        long bytes = 0;
        for (KeyedWindowState state : states.values()) {
            out.clear();
            serializer.write(state, out);
            bytes += out.length();
        }
        return bytes;
    }
}

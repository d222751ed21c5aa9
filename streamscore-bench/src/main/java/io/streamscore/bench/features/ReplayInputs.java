package io.streamscore.bench.features;

import io.streamscore.event.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The events the benchmark jobs replay, by name, inside this JVM.
 *
 * <p>A process-wide table on purpose: the MiniCluster runs in this JVM, and a source that carried millions of events
 * in its serialized form would copy them into the job graph for every run (hundreds of MB, and timed as deployment).
 * Handing the source a name keeps the input generated once, shared by every engine and run, and untimed. It only
 * works with a local MiniCluster, which is all the benchmark uses.
 */
final class ReplayInputs {
    private static final Map<String, Event[]> INPUTS = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> REPLAYED = new ConcurrentHashMap<>();

    private ReplayInputs() {}

    static void register(String name, Event[] events) {
        INPUTS.put(name, events);
        REPLAYED.put(name, new CountDownLatch(1));
    }

    static void remove(String name) {
        INPUTS.remove(name);
        REPLAYED.remove(name);
    }

    static Event[] events(String name) {
        Event[] events = INPUTS.get(name);
        if (events == null) {
            throw new IllegalStateException("no benchmark input named " + name + " in this JVM");
        }
        return events;
    }

    /** Called by the source once it has emitted its last event. */
    static void markReplayed(String name) {
        REPLAYED.get(name).countDown();
    }

    /** A fresh latch for the next run that waits on this input's end. */
    static void rearm(String name) {
        REPLAYED.put(name, new CountDownLatch(1));
    }

    static boolean awaitReplayed(String name, long timeoutSeconds) throws InterruptedException {
        return REPLAYED.get(name).await(timeoutSeconds, TimeUnit.SECONDS);
    }
}

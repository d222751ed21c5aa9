package io.streamscore.cli.testing;

import io.streamscore.event.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * A test stage that throws once per JVM and per {@code name}: on the first event after a checkpoint completed and
 * after {@code afterEvents} events in its subtask, so the job restarts from that checkpoint while input still
 * arrives. The outcome is kept in static maps because the function runs in the MiniCluster, copied by Flink.
 * {@link #withFailingCleanup} also throws from the failed subtask's {@code close()}, as a sink whose cleanup trips
 * over the failure would: Flink 2.3 treats that as fatal and ends the TaskManager.
 */
public final class FailOnceAfterCheckpoint extends RichMapFunction<Event, Event> implements CheckpointListener {
    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CHECKPOINTS_BEFORE_FAILURE = new ConcurrentHashMap<>();

    private final String name;
    private final int afterEvents;
    private final boolean cleanupFails;
    private transient boolean checkpointed;
    private transient int seen;
    private transient boolean threw;

    public FailOnceAfterCheckpoint(String name, int afterEvents) {
        this(name, afterEvents, false);
    }

    private FailOnceAfterCheckpoint(String name, int afterEvents, boolean cleanupFails) {
        this.name = name;
        this.afterEvents = afterEvents;
        this.cleanupFails = cleanupFails;
    }

    /** Fails as {@link #FailOnceAfterCheckpoint(String, int)} does, then throws again as the failed subtask closes. */
    public static FailOnceAfterCheckpoint withFailingCleanup(String name, int afterEvents) {
        return new FailOnceAfterCheckpoint(name, afterEvents, true);
    }

    /** Whether the failure named {@code name} happened. */
    public static boolean failed(String name) {
        return FAILED.computeIfAbsent(name, n -> new AtomicBoolean()).get();
    }

    /** Checkpoints completed (seen by any subtask) before the failure named {@code name}. */
    public static int checkpointsBeforeFailure(String name) {
        return CHECKPOINTS_BEFORE_FAILURE.computeIfAbsent(name, n -> new AtomicInteger()).get();
    }

    @Override
    public Event map(Event event) {
        if (++seen > afterEvents && checkpointed
                && FAILED.computeIfAbsent(name, n -> new AtomicBoolean()).compareAndSet(false, true)) {
            threw = true;
            throw new IllegalStateException("injected failure '" + name + "' after " + seen + " events");
        }
        return event;
    }

    @Override
    public void close() {
        if (threw && cleanupFails) {
            throw new IllegalStateException("injected cleanup failure '" + name + "'");
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
        if (!failed(name)) {
            CHECKPOINTS_BEFORE_FAILURE.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        }
    }
}

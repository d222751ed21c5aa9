package io.streamscore.bench.pipeline;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's stop-the-world collections while a run is measured, from the collectors' own notifications: G1's young
 * and full collections, the pause beans of ZGC and Shenandoah (their concurrent "Cycles" beans are not pauses and
 * are left out). Every thread of the bench JVM (pipeline, broker, feed, reader) stops for each of them, so they
 * bound what a latency percentile can be.
 */
final class GcPauses implements AutoCloseable {
    /** Pauses that overlap a window: how many, the longest and their sum, in ms. */
    record Summary(int count, long maxMs, long totalMs) {
        @Override
        public String toString() {
            return count + " pauses, max " + maxMs + " ms, total " + totalMs + " ms";
        }
    }

    private record Pause(long startEpochMs, long durationMs) {}

    private final long jvmStartEpochMs = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final List<Pause> pauses = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;

    GcPauses() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter && !collector.getName().endsWith("Cycles")) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        synchronized (pauses) {
            pauses.add(new Pause(jvmStartEpochMs + info.getStartTime(), info.getDuration()));
        }
    }

    /** The pauses that overlap {@code [fromEpochMs, toEpochMs]}. */
    Summary within(long fromEpochMs, long toEpochMs) {
        int count = 0;
        long max = 0;
        long total = 0;
        synchronized (pauses) {
            for (Pause pause : pauses) {
                if (pause.startEpochMs() <= toEpochMs && pause.startEpochMs() + pause.durationMs() >= fromEpochMs) {
                    count++;
                    max = Math.max(max, pause.durationMs());
                    total += pause.durationMs();
                }
            }
        }
        return new Summary(count, max, total);
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already removed
            }
        }
    }
}

package io.streamscore.flink.features;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Whether this JVM's heap runs short: the number of collections after which its old generation stayed fuller than
 * {@link #THRESHOLD} of its maximum (the collection usage threshold of the tenured pool, counted by the JVM itself).
 * Only the count after a collection counts, so garbage that the next collection frees never signals. A
 * {@link WindowStateCache} polls it and gives half of its keys back whenever the count rises.
 */
final class HeapPressure implements LongSupplier {
    /** Old generation fuller than this after a collection: the caches shrink. */
    static final double THRESHOLD = 0.75;
    /** Never signals: for a JVM without a tenured pool that counts (none is known). */
    static final LongSupplier NONE = () -> 0;

    private final MemoryPoolMXBean pool;

    private HeapPressure(MemoryPoolMXBean pool) {
        this.pool = pool;
    }

    /**
     * The pressure on this JVM's old generation (G1 Old Gen, PS Old Gen, Tenured Gen; ZGC's and Shenandoah's one
     * heap pool), with its threshold set to {@link #THRESHOLD} unless one is set already; {@link #NONE} when no heap
     * pool counts collections over a threshold.
     */
    static LongSupplier jvm() {
        MemoryPoolMXBean tenured = null;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName().toLowerCase(Locale.ROOT);
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                    && pool.getUsage().getMax() > 0 && !name.contains("eden") && !name.contains("survivor")
                    && (tenured == null || pool.getUsage().getMax() > tenured.getUsage().getMax())) {
                tenured = pool;
            }
        }
        if (tenured == null) {
            return NONE;
        }
        synchronized (HeapPressure.class) {
            if (tenured.getCollectionUsageThreshold() == 0) {
                tenured.setCollectionUsageThreshold((long) (tenured.getUsage().getMax() * THRESHOLD));
            }
        }
        return new HeapPressure(tenured);
    }

    @Override
    public long getAsLong() {
        return pool.getCollectionUsageThresholdCount();
    }

    /** E.g. "G1 Old Gen 81% full after the last collection". */
    @Override
    public String toString() {
        MemoryUsage afterCollection = pool.getCollectionUsage();
        long percent = afterCollection == null || afterCollection.getMax() <= 0 ? -1
                : Math.round(100.0 * afterCollection.getUsed() / afterCollection.getMax());
        return pool.getName() + " " + percent + "% full after the last collection";
    }
}

package io.streamscore.flink.features;

import io.streamscore.features.KeyedWindowState;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-behind cache of window states in front of a state backend that serializes on every access (RocksDB). The
 * window state of a key is read and written whole: on RocksDB that was a deserialization and a serialization of the
 * key's whole state per event (a hot key's log of raw events within the lateness included), ~1,300 payments/s for
 * the fraud example. With the cache, an event on a cached key touches only live objects; a key's state is read from
 * the backend once when it enters the cache, and written back when it is evicted (least recently used) or when
 * {@link #flush} runs before a snapshot, however many events it took in between.
 *
 * <p>The flush runs on the task thread in the checkpoint's synchronous part, so it holds the stream up while it
 * writes every changed state: at most the capacity, so the capacity bounds that pause (Kafka Streams' record cache
 * flushes on commit the same way). Writing the oldest changes early instead, to keep the flush short, was tried:
 * with at most 1,000 unwritten, a key spread of 10K keys was written back at nearly every event (each key changes
 * again soon after its write), and the cache was 12% slower than none at 1M keys (feature bench).
 *
 * <p>The capacity is in keys, and a key's state can take ~10 KB of heap (the fraud example's user features), so a
 * cache sized for a large TaskManager could fill a small one's heap. The cache therefore watches the JVM's old
 * generation ({@link HeapPressure}): when a collection leaves it fuller than its threshold, the cache writes back and
 * drops half of its keys (down to {@link #MIN_KEYS}), and keeps that smaller limit until the task restarts.
 */
final class WindowStateCache {
    /** The cache never shrinks below this many keys. */
    static final int MIN_KEYS = 16;
    /** Heap pressure is polled at every flush and after this many keys entered the cache. */
    static final int PRESSURE_CHECK_INSERTS = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(WindowStateCache.class);

    private final ValueState<KeyedWindowState> store;
    private final KeyContext keys;
    private final int capacity;
    /** The capacity, or less after heap pressure. */
    private int limit;
    private final LongSupplier pressure;
    private long pressureSeen;
    private int insertsSinceCheck;
    private final Counter shrinks;
    /** Access order: the first entry is the least recently used. */
    private final LinkedHashMap<Object, Cached> entries;
    /** Keys read from the backend recently: a key enters the cache on its second read (see {@link #get}). */
    private final RecentKeys recent;
    /** The key whose state {@link #get} read but did not cache: its {@link #put} writes through. */
    private Object uncachedKey;
    /** The changed entries not yet written. */
    private final LinkedHashMap<Object, Cached> changed = new LinkedHashMap<>();
    private final Counter reads;
    private final Counter writes;

    private static final class Cached {
        KeyedWindowState state;
        boolean dirty;

        Cached(KeyedWindowState state, boolean dirty) {
            this.state = state;
            this.dirty = dirty;
        }
    }

    /**
     * @param store    the keyed state the cache fronts
     * @param keys     the operator's key context: its current key is the key of every call
     * @param capacity how many keys' states to keep, at least 1
     * @param reads    counts the states read from the backend (keys not cached)
     * @param writes   counts the states written to the backend (evictions and flushes)
     * @param pressure a count that rises when the heap runs short ({@link HeapPressure#jvm()})
     * @param shrinks  counts the times the cache halved itself for heap pressure
     */
    WindowStateCache(ValueState<KeyedWindowState> store, KeyContext keys, int capacity, Counter reads,
                     Counter writes, LongSupplier pressure, Counter shrinks) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a state cache holds at least one key, was " + capacity);
        }
        this.store = store;
        this.keys = keys;
        this.capacity = capacity;
        this.limit = capacity;
        this.pressure = pressure;
        this.pressureSeen = pressure.getAsLong();
        this.shrinks = shrinks;
        this.reads = reads;
        this.writes = writes;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2, 0.75f, true);
        this.recent = new RecentKeys(capacity);
    }

    /**
     * The current key's state, from the cache or else the backend; null when the key has none. A key read from the
     * backend is cached only when it was read recently already: a key seen once (most keys, when there are far more
     * than the cache holds) is written straight through by {@link #put}, instead of evicting a cached key for a
     * state that will not be asked for again soon (with every key admitted, a cache of 10K keys over 1M keys was 19%
     * slower than none in the feature bench).
     */
    KeyedWindowState get() throws IOException {
        Object key = keys.getCurrentKey();
        Cached cached = entries.get(key);
        if (cached != null) {
            return cached.state;
        }
        reads.inc();
        KeyedWindowState stored = store.value();
        boolean admitted = recent.seenBefore(key);
        uncachedKey = admitted ? null : key;
        if (admitted && stored != null) {
            insert(key, new Cached(stored, false));
        }
        return stored;
    }

    /**
     * Takes {@code state} as the current key's, changed: the backend gets it at eviction or at the next flush, or at
     * once when {@link #get} did not cache the key.
     */
    void put(KeyedWindowState state) throws IOException {
        Object key = keys.getCurrentKey();
        Cached cached = entries.get(key);
        if (cached != null) {
            cached.state = state;
        } else if (key.equals(uncachedKey)) {
            store.update(state);
            writes.inc();
            return;
        } else {
            cached = new Cached(state, false);
            insert(key, cached);
        }
        if (!cached.dirty) {
            cached.dirty = true;
            changed.put(key, cached);
        }
    }

    /** Removes the current key's state, from the cache and the backend. */
    void remove() {
        Object key = keys.getCurrentKey();
        entries.remove(key);
        changed.remove(key);
        store.clear();
    }

    /** Writes every changed state to the backend; the states stay cached. */
    void flush() throws IOException {
        Object current = keys.getCurrentKey();
        try {
            for (Map.Entry<Object, Cached> entry : changed.entrySet()) {
                write(entry.getKey(), entry.getValue());
            }
            changed.clear();
            relieveHeapPressure(current);
        } finally {
            if (current != null) {
                keys.setCurrentKey(current);
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** How many keys the cache may hold now: the capacity, or less after heap pressure. */
    int limit() {
        return limit;
    }

    private void insert(Object key, Cached cached) throws IOException {
        entries.put(key, cached);
        if (++insertsSinceCheck >= PRESSURE_CHECK_INSERTS) {
            relieveHeapPressure(key);
        }
        evictDownTo(limit, key);
    }

    /** When the heap ran short since the last check: halves the limit and evicts down to it. */
    private void relieveHeapPressure(Object current) throws IOException {
        insertsSinceCheck = 0;
        long count = pressure.getAsLong();
        if (count == pressureSeen) {
            return;
        }
        pressureSeen = count;
        int shrunk = Math.max(MIN_KEYS, Math.min(limit, entries.size()) / 2);
        if (shrunk >= limit) {
            return;
        }
        LOG.warn("window state cache: {}; keeping at most {} keys instead of {} (of {} configured in "
                + "runtime.state_cache_keys). Give the TaskManagers more heap or lower runtime.state_cache_keys.",
                pressure, shrunk, limit, capacity);
        limit = shrunk;
        shrinks.inc();
        evictDownTo(limit, current);
    }

    /** Evicts the least recently used keys, writing back the changed ones, until at most {@code max} are left. */
    private void evictDownTo(int max, Object current) throws IOException {
        if (entries.size() <= max) {
            return; // the common case on insert: no iterator to allocate
        }
        Iterator<Map.Entry<Object, Cached>> eldest = entries.entrySet().iterator();
        while (entries.size() > max) {
            Map.Entry<Object, Cached> evicted = eldest.next();
            eldest.remove();
            if (evicted.getValue().dirty) {
                writeBack(evicted.getKey(), evicted.getValue(), current);
            }
        }
    }

    /** Writes one changed state under its key, then gives the operator {@code current} back as its key. */
    private void writeBack(Object key, Cached cached, Object current) throws IOException {
        try {
            write(key, cached);
            changed.remove(key);
        } finally {
            keys.setCurrentKey(current);
        }
    }

    private void write(Object key, Cached cached) throws IOException {
        keys.setCurrentKey(key);
        store.update(cached.state);
        cached.dirty = false;
        writes.inc();
    }
}

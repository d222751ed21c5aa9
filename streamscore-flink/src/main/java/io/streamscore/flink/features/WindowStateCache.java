package io.streamscore.flink.features;

import io.streamscore.features.KeyedWindowState;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.KeyContext;

/**
 * A write-behind cache of window states in front of a state backend that serializes on every access (RocksDB). The
 * window state of a key is read and written whole: on RocksDB that was a deserialization and a serialization of the
 * key's whole state per event (a hot key's log of raw events within the lateness included), ~1,300 payments/s for
 * the fraud example. With the cache, an event on a cached key touches only live objects; a key's state is read from
 * the backend once when it enters the cache, and written back when it is evicted (least recently used) or when
 * {@link #flush} runs before a snapshot, however many events it took in between.
 *
 * <p>The flush runs on the task thread in the checkpoint's synchronous part, so it holds the stream up for as long
 * as it writes. At most an eighth of the capacity stays changed and unwritten: when one more key changes, the state
 * changed longest ago is written at once (a hot key is written once per that many changes of other keys, and may
 * change again after). The writes are spread over the interval, and a checkpoint's flush writes at most that many.
 *
 * <p>Consistency: the backend holds every change by the time its snapshot is taken ({@link WindowFeatureOperator}
 * flushes in the synchronous part of the checkpoint, before the keyed backend snapshots). Between snapshots the
 * backend may lag the cache, and nothing else reads it: a failure restores the last snapshot and drops the cache.
 * Eviction and flush write under the evicted key and give the operator its current key back.
 */
final class WindowStateCache {
    private final ValueState<KeyedWindowState> store;
    private final KeyContext keys;
    private final int capacity;
    /** Access order: the first entry is the least recently used. */
    private final LinkedHashMap<Object, Cached> entries;
    /** The changed entries not yet written, in the order they changed (first: changed longest ago). */
    private final LinkedHashMap<Object, Cached> changed = new LinkedHashMap<>();
    private final int maxChanged;
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
     */
    WindowStateCache(ValueState<KeyedWindowState> store, KeyContext keys, int capacity, Counter reads,
                     Counter writes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a state cache holds at least one key, was " + capacity);
        }
        this.store = store;
        this.keys = keys;
        this.capacity = capacity;
        this.maxChanged = Math.max(1, capacity / 8);
        this.reads = reads;
        this.writes = writes;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2, 0.75f, true);
    }

    /** The current key's state, from the cache or else the backend (then kept); null when the key has none. */
    KeyedWindowState get() throws IOException {
        Object key = keys.getCurrentKey();
        Cached cached = entries.get(key);
        if (cached != null) {
            return cached.state;
        }
        reads.inc();
        KeyedWindowState stored = store.value();
        if (stored != null) {
            insert(key, new Cached(stored, false));
        }
        return stored;
    }

    /** Takes {@code state} as the current key's, changed: the backend gets it at eviction or at the next flush. */
    void put(KeyedWindowState state) throws IOException {
        Object key = keys.getCurrentKey();
        Cached cached = entries.get(key);
        if (cached != null) {
            cached.state = state;
        } else {
            cached = new Cached(state, false);
            insert(key, cached);
        }
        if (!cached.dirty) {
            cached.dirty = true;
            changed.put(key, cached);
            if (changed.size() > maxChanged) {
                Map.Entry<Object, Cached> oldest = changed.entrySet().iterator().next();
                writeBack(oldest.getKey(), oldest.getValue(), key);
            }
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
        } finally {
            if (current != null) {
                keys.setCurrentKey(current);
            }
        }
    }

    int size() {
        return entries.size();
    }

    private void insert(Object key, Cached cached) throws IOException {
        entries.put(key, cached);
        if (entries.size() <= capacity) {
            return;
        }
        Iterator<Map.Entry<Object, Cached>> eldest = entries.entrySet().iterator();
        Map.Entry<Object, Cached> evicted = eldest.next();
        eldest.remove();
        if (evicted.getValue().dirty) {
            writeBack(evicted.getKey(), evicted.getValue(), key);
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

package io.streamscore.flink.features;

import io.streamscore.event.Event;
import java.util.function.LongSupplier;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.TestableKeyedStateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Runs a {@link WindowFeatureFunction}. On a keyed state backend that serializes on every access (RocksDB; anything
 * but the heap backend, which keeps live objects already) it gives the function a {@link WindowStateCache} of
 * {@code cachedKeys} keys, and flushes the cache into the backend at the start of each snapshot, before the backend
 * takes its own: checkpoints and savepoints hold every change, while between them a key's state is read and written
 * on the heap. On the heap backend the function changes each state in place instead; on Flink's changelog backend
 * over the heap too, and there it writes each key changed since the last snapshot back once at its start, which is
 * what puts the change in the log (the log records writes, not changes made in place).
 */
public final class WindowFeatureOperator extends KeyedProcessOperator<String, Event, Event> {
    private static final long serialVersionUID = 1L;

    private final WindowFeatureFunction function;
    private final int cachedKeys;
    /** Where the cache learns that the heap runs short: {@link HeapPressure#jvm()} unless a test gives its own. */
    private final SerializableSupplier<LongSupplier> heapPressure;

    /** @param cachedKeys keys whose state to cache on a serializing backend; 0: none */
    public WindowFeatureOperator(WindowFeatureFunction function, int cachedKeys) {
        this(function, cachedKeys, HeapPressure::jvm);
    }

    WindowFeatureOperator(WindowFeatureFunction function, int cachedKeys,
                          SerializableSupplier<LongSupplier> heapPressure) {
        super(function);
        if (cachedKeys < 0) {
            throw new IllegalArgumentException("cached keys must be >= 0, was " + cachedKeys);
        }
        this.function = function;
        this.cachedKeys = cachedKeys;
        this.heapPressure = heapPressure;
    }

    @Override
    public void open() throws Exception {
        super.open();
        KeyedStateBackend<?> backend = getKeyedStateBackend();
        if (backend instanceof HeapKeyedStateBackend) {
            function.statesLiveOnHeap();
        } else if (backend instanceof TestableKeyedStateBackend<?> wrapper
                && wrapper.getDelegatedKeyedStateBackend(true) instanceof HeapKeyedStateBackend) {
            function.statesLiveOnHeapLoggedAtSnapshots(this);
        } else if (cachedKeys > 0) {
            function.cacheStates(this, cachedKeys, heapPressure.get());
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        function.writeBackChanges();
        super.snapshotState(context);
    }
}

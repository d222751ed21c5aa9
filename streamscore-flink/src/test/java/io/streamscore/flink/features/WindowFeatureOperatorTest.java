package io.streamscore.flink.features;

import static io.streamscore.flink.features.FeatureFixtures.MINUTE;
import static io.streamscore.flink.features.FeatureFixtures.PLAN_WIDTH;
import static io.streamscore.flink.features.FeatureFixtures.SECOND;
import static io.streamscore.flink.features.FeatureFixtures.T0;
import static io.streamscore.flink.features.FeatureFixtures.copies;
import static io.streamscore.flink.features.FeatureFixtures.disorderedEvents;
import static io.streamscore.flink.features.FeatureFixtures.features;
import static io.streamscore.flink.features.FeatureFixtures.feed;
import static io.streamscore.flink.features.FeatureFixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.features.FeatureGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.CheckpointOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.memory.MemCheckpointStreamFactory;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFinalizer;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFutures;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.function.SerializableSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The window state cache on RocksDB ({@link WindowFeatureOperator}, {@link WindowStateCache}): the same values as
 * the heap backend while keys are evicted and read back, every change in a snapshot although the cache had not
 * written it, expired keys gone from both, and no cache on the heap backend or with 0 keys; on the heap backend,
 * states changed in place and a pending snapshot kept apart from the changes.
 */
class WindowFeatureOperatorTest {
    private static final long LATENESS = 30 * SECOND;

    private KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness;
    private WindowFeatureFunction function;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void rocksDbWithACacheSmallerThanTheKeysGivesTheHeapValues() throws Exception {
        List<Event> events = disorderedEvents(600, 7);
        open(new HashMapStateBackend(), 0, null);
        List<double[]> onHeap = features(feed(harness, copies(events)));
        harness.close();

        open(new EmbeddedRocksDBStateBackend(), 2, null);
        List<double[]> cached = features(feed(harness, copies(events)));

        assertThat(function.cachedKeys()).hasValue(2);
        assertThat(cached).hasSize(events.size());
        for (int i = 0; i < cached.size(); i++) {
            assertThat(cached.get(i)).as("event %d", i).containsExactly(onHeap.get(i));
        }
    }

    /** 5 keys in a cache of 5 or 100: nothing is evicted, only the flush before the snapshot writes them. */
    @ParameterizedTest
    @ValueSource(ints = {5, 100})
    void snapshotHoldsChangesTheCacheHadNotWrittenYet(int cachedKeys) throws Exception {
        List<Event> events = disorderedEvents(600, 11);
        int half = events.size() / 2;
        open(new EmbeddedRocksDBStateBackend(), cachedKeys, null);
        feed(harness, events.subList(0, half));
        assertThat(function.cachedKeys()).hasValue(5);
        OperatorSubtaskState snapshot = harness.snapshot(1, events.get(half).eventTime);
        List<double[]> uninterrupted = features(feed(harness, copies(events.subList(half, events.size()))));
        harness.close();

        open(new EmbeddedRocksDBStateBackend(), cachedKeys, snapshot);
        List<double[]> restored = features(feed(harness, copies(events.subList(half, events.size()))));

        for (int i = 0; i < restored.size(); i++) {
            assertThat(restored.get(i)).as("event %d after restore", i).containsExactly(uninterrupted.get(i));
        }
    }

    @Test
    void expiredKeyLeavesTheCacheAndTheBackend() throws Exception {
        open(new EmbeddedRocksDBStateBackend(), 100, null);
        process(tx("a", "u1", T0, 10));
        harness.snapshot(1, T0); // written to RocksDB by the flush
        process(tx("b", "u1", T0 + SECOND, 20));

        harness.processWatermark(T0 + 10 * MINUTE);
        assertThat(function.cachedKeys()).hasValue(0);
        OperatorSubtaskState afterExpiry = harness.snapshot(2, T0 + 10 * MINUTE);
        harness.close();

        // restored without a watermark, so an event of the key's old time is not late: only its own state counts
        open(new EmbeddedRocksDBStateBackend(), 100, afterExpiry);
        Event restored = process(tx("c", "u1", T0 + 2 * SECOND, 5));
        assertThat(restored.features[FeatureFixtures.OFFSET + 1]).as("tx_1m after the key expired").isEqualTo(1.0);
    }

    @Test
    void aKeyEntersTheCacheOnlyOnItsSecondReadAndIsWrittenThroughBefore() throws Exception {
        open(new EmbeddedRocksDBStateBackend(), 100, null);
        process(tx("a", "u1", T0, 10));
        process(tx("b", "u2", T0, 20));
        process(tx("c", "u3", T0, 30));
        assertThat(function.cachedKeys()).as("keys read once").hasValue(0);

        process(tx("d", "u2", T0 + SECOND, 40));

        assertThat(function.cachedKeys()).as("u2 read twice").hasValue(1);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + SECOND);
        harness.close();
        open(new EmbeddedRocksDBStateBackend(), 100, snapshot);
        assertThat(process(tx("e", "u1", T0 + 2 * SECOND, 1)).features[FeatureFixtures.OFFSET + 1]).isEqualTo(2.0);
        assertThat(process(tx("f", "u2", T0 + 2 * SECOND, 1)).features[FeatureFixtures.OFFSET + 1]).isEqualTo(3.0);
    }

    /**
     * Heap pressure comes from a counter of the test's, not from the JVM's old generation: a test cannot make the
     * JVM's heap run short without risking the build's own JVM.
     */
    @Test
    void halvesItselfWhenTheHeapRunsShortAndKeepsTheValues() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            events.add(tx("e" + i, "u" + (i % 60), T0 + i * SECOND, i % 7));
        }
        open(new HashMapStateBackend(), 0, null);
        List<double[]> onHeap = features(feed(harness, copies(events)));
        harness.close();

        AtomicLong pressure = new AtomicLong();
        openWithPressure(100, pressure);
        List<Event> cached = new ArrayList<>(feed(harness, copies(events.subList(0, 180))));
        assertThat(function.cachedKeys()).as("60 keys read twice").hasValue(60);
        pressure.incrementAndGet();
        harness.snapshot(1, T0 + 180 * SECOND); // the flush before the snapshot polls the pressure
        assertThat(function.cacheLimit()).hasValue(30);
        assertThat(function.cachedKeys()).hasValue(30);
        cached.addAll(feed(harness, copies(events.subList(180, 240))));
        pressure.incrementAndGet();
        harness.snapshot(2, T0 + 240 * SECOND);
        assertThat(function.cacheLimit()).as("never below MIN_KEYS").hasValue(WindowStateCache.MIN_KEYS);
        pressure.incrementAndGet();
        harness.snapshot(3, T0 + 240 * SECOND);
        assertThat(function.cacheLimit()).hasValue(WindowStateCache.MIN_KEYS);

        List<double[]> values = features(cached);
        for (int i = 0; i < values.size(); i++) {
            assertThat(values.get(i)).as("event %d", i).containsExactly(onHeap.get(i));
        }
    }

    /**
     * On the heap backend the function changes a key's state in place and does not write it back: Flink's
     * copy-on-write map hands out a copy while an asynchronous snapshot still needs the old object. Changes made
     * while a snapshot's asynchronous part is pending stay out of it, and are kept.
     */
    @Test
    void heapStateChangedInPlaceWhileASnapshotIsPendingStaysOutOfIt() throws Exception {
        open(new HashMapStateBackend(), 0, null);
        process(tx("a", "u1", T0, 10));
        process(tx("b", "u1", T0 + SECOND, 20));
        OperatorSnapshotFutures pending = harness.getOperator().snapshotState(1, T0 + SECOND,
                CheckpointOptions.forCheckpointWithDefaultLocation(),
                new MemCheckpointStreamFactory(Integer.MAX_VALUE));
        assertThat(pending.getKeyedStateManagedFuture().isDone()).as("asynchronous part still to run").isFalse();

        assertThat(process(tx("c", "u1", T0 + 2 * SECOND, 30)).features[FeatureFixtures.OFFSET + 1]).isEqualTo(3.0);
        assertThat(process(tx("d", "u1", T0 + 3 * SECOND, 30)).features[FeatureFixtures.OFFSET + 1])
                .as("c was kept").isEqualTo(4.0);
        OperatorSubtaskState snapshot = OperatorSnapshotFinalizer.create(pending).getJobManagerOwnedState();
        harness.close();

        open(new HashMapStateBackend(), 0, snapshot);
        assertThat(process(tx("e", "u1", T0 + 4 * SECOND, 1)).features[FeatureFixtures.OFFSET + 1])
                .as("a, b and e: c and d came after the snapshot").isEqualTo(3.0);
    }

    @Test
    void findsThisJvmsOldGeneration() {
        assertThat(HeapPressure.jvm()).as("G1's old generation counts collections over a threshold")
                .isNotSameAs(HeapPressure.NONE);
    }

    @Test
    void noCacheOnTheHeapBackendOrWithZeroKeys() throws Exception {
        open(new HashMapStateBackend(), 100, null);
        process(tx("a", "u1", T0, 10));
        assertThat(function.cachedKeys()).isEqualTo(OptionalInt.empty());
        harness.close();

        open(new EmbeddedRocksDBStateBackend(), 0, null);
        process(tx("a", "u1", T0, 10));
        assertThat(function.cachedKeys()).isEqualTo(OptionalInt.empty());
    }

    private void openWithPressure(int cachedKeys, AtomicLong pressure) throws Exception {
        open(new EmbeddedRocksDBStateBackend(), cachedKeys, null, () -> pressure::get);
    }

    private void open(StateBackend backend, int cachedKeys, OperatorSubtaskState restoreFrom) throws Exception {
        open(backend, cachedKeys, restoreFrom, () -> HeapPressure.NONE);
    }

    private void open(StateBackend backend, int cachedKeys, OperatorSubtaskState restoreFrom,
                      SerializableSupplier<LongSupplier> pressure) throws Exception {
        FeatureGroup group = FeatureFixtures.userGroup();
        function = new WindowFeatureFunction(group, PLAN_WIDTH, LATENESS);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new WindowFeatureOperator(function, cachedKeys, pressure),
                new FeatureKeySelector(group, false), Types.STRING);
        harness.setStateBackend(backend);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    private Event process(Event event) throws Exception {
        harness.processElement(new StreamRecord<>(event, event.eventTime));
        return event;
    }
}

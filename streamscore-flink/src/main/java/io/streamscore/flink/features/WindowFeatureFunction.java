package io.streamscore.flink.features;

import io.streamscore.event.Event;
import io.streamscore.features.FeatureColumns;
import io.streamscore.features.ExpressionFeatureFilter;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.FeatureGroup;
import io.streamscore.features.FeatureVector;
import io.streamscore.features.KeyedWindowState;
import io.streamscore.flink.ingest.LateEvent;
import io.streamscore.flink.metrics.PipelineMetrics;
import java.io.IOException;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Computes one {@link FeatureGroup}'s windowed features for each event of its source, as of the event's own time
 * (point in time: the key's events that arrived before it, and itself), and writes them into the event's feature
 * columns at the group's offset. Events of other sources pass through untouched.
 *
 * <p>State: one {@link KeyedWindowState} per key in one {@link ValueState}, so an event costs one state read and one
 * write for all the group's features. On RocksDB, which serializes on every access, {@link WindowFeatureOperator}
 * puts a {@link WindowStateCache} in front of it. The final horizon is {@code watermark - allowed lateness} of the
 * source: no later event can be at or before it, so the state compacts and evicts up to it. An event at or before it
 * (which the {@link io.streamscore.flink.ingest.LateEventRouter} upstream already removes) goes to {@link #LATE},
 * counted.
 *
 * <p>Cleanup: one event-time timer per key, set lazily. It is registered when the key's state is created, at its
 * {@code expiryHorizon() + allowed lateness}, and never moved by later events; when it fires the state is advanced to
 * the horizon and dropped once empty, otherwise the timer is set again at the state's current expiry. So a key costs
 * about one timer per window length, however many events it has, and a quiet key costs nothing. Moving the timer on
 * every new expiry (every new tile, which for sparse keys is nearly every event) cost a timer delete and insert per
 * event: 46% of the keyed task's CPU in the feature benchmark at 10K keys (docs/benchmarks.md).
 */
public final class WindowFeatureFunction extends KeyedProcessFunction<String, Event, Event> {
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late-at-features") {};

    private final FeatureGroup group;
    private final int width;
    private final long allowedLatenessMs;
    private transient KeyedWindowStateTypeSerializer serializer;
    private transient ValueState<KeyedWindowState> windows;
    /** Null: states are read and written in the backend directly (the heap backend, or no cache configured). */
    private transient WindowStateCache cache;
    /** Whether the backend keeps live state objects that may be changed in place: {@link #statesLiveOnHeap()}. */
    private transient boolean changeInPlace;
    /** Whether the state {@link #load()} returned last is the backend's own object, changed in place, not written. */
    private transient boolean loadedLive;
    /**
     * On a changelog backend over the heap: the keys whose states were changed in place since the last snapshot,
     * written back at the next ({@link #statesLiveOnHeapLoggedAtSnapshots}); null otherwise.
     */
    private transient Set<String> changedInPlace;
    /** The operator, to set the key of each state written back; null unless {@link #changedInPlace} is set. */
    private transient KeyContext keys;
    /** Reused for every event: the values are copied into the event's columns at once. */
    private transient FeatureVector values;
    private transient Counter featureEvents;
    private transient Counter lateEvents;
    private transient Counter keysExpired;
    /** Volatile: the freshness gauge reads it from the metrics thread; written only when it grows. */
    private transient volatile long newestEventTime;

    /**
     * @param width             the plan's number of feature columns
     * @param allowedLatenessMs the allowed lateness of the group's source
     */
    public WindowFeatureFunction(FeatureGroup group, int width, long allowedLatenessMs) {
        int columns = FeatureColumns.width(group.features());
        if (columns != group.columns().size() || group.offset() < 0 || group.offset() + columns > width) {
            throw new IllegalArgumentException("feature group of " + group.source() + " fills " + columns
                    + " columns at offset " + group.offset() + " but names " + group.columns().size()
                    + " and the plan has " + width);
        }
        this.group = group;
        this.width = width;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    @Override
    public void open(OpenContext openContext) {
        serializer = new KeyedWindowStateTypeSerializer(group.features());
        windows = getRuntimeContext().getState(new ValueStateDescriptor<>("window-state", serializer));
        values = group.features().newVector();
        MetricGroup metrics = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup());
        featureEvents = metrics.counter(PipelineMetrics.FEATURE_EVENTS);
        lateEvents = metrics.counter(PipelineMetrics.LATE_AT_FEATURES);
        keysExpired = metrics.counter(PipelineMetrics.FEATURE_KEYS_EXPIRED);
        for (FeatureDefinition feature : group.features().definitions()) {
            if (feature.filter() instanceof ExpressionFeatureFilter filter) {
                // Every state is bound to group.features() (see load()), so these are the instances that run.
                PipelineMetrics.expressionFailures(getRuntimeContext().getMetricGroup(),
                        "features." + feature.name() + ".filter", filter.condition());
            }
        }
        newestEventTime = Long.MIN_VALUE;
        PipelineMetrics.sourceGroup(getRuntimeContext().getMetricGroup(), group.source())
                .<Double, Gauge<Double>>gauge(PipelineMetrics.FEATURE_FRESHNESS_MS, this::freshnessMillis);
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Event> out) throws IOException {
        if (!group.appliesTo(event)) {
            out.collect(event);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        KeyedWindowState stored = load();
        KeyedWindowState state = stored != null ? stored : group.features().newState();
        // After a restore the watermark restarts from nothing while the state keeps its horizon: take the larger.
        long horizon = Math.max(horizon(watermark), state.horizon());
        if (event.eventTime <= horizon) {
            lateEvents.inc();
            ctx.output(LATE, new LateEvent(event, watermark, allowedLatenessMs));
            return;
        }
        state.update(event.eventTime, event.numbers, event.strings, horizon, values);
        store(state);
        if (stored == null) {
            // Invariant: a stored state has exactly one pending timer; onTimer re-arms it while the state lives.
            ctx.timerService().registerEventTimeTimer(state.expiryHorizon() + allowedLatenessMs);
        }
        FeatureColumns.write(values, FeatureColumns.of(event, width), group.offset());
        featureEvents.inc();
        if (event.eventTime > newestEventTime) {
            newestEventTime = event.eventTime;
        }
        out.collect(event);
    }

    /** Wall clock minus the newest event time taken in; NaN before the first (the exporter then skips this subtask). */
    private double freshnessMillis() {
        long newest = newestEventTime;
        return newest == Long.MIN_VALUE ? Double.NaN : Math.max(0, System.currentTimeMillis() - newest);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Event> out) throws IOException {
        KeyedWindowState state = load();
        if (state == null) {
            return;
        }
        state.advance(horizon(ctx.timerService().currentWatermark()));
        if (state.isEmpty()) {
            clear();
            keysExpired.inc();
            return;
        }
        // Newer events moved the expiry since the timer was set (or the allowed lateness grew on a restore with a new
        // spec): try again at the current expiry, never at or before the watermark, which would fire again at once.
        store(state);
        long watermark = ctx.timerService().currentWatermark();
        ctx.timerService().registerEventTimeTimer(Math.max(state.expiryHorizon() + allowedLatenessMs, watermark + 1));
    }

    /**
     * The key's state bound to this operator's feature set. After a heap-backend restore the stored objects were
     * built by the restored serializer, whose feature set has recorded filters only, and perhaps other features:
     * rebind or migrate them (once per key: the caller writes the result back).
     */
    private KeyedWindowState load() throws IOException {
        KeyedWindowState state = cache != null ? cache.get() : windows.value();
        loadedLive = changeInPlace && state != null;
        if (state != null && state.features() != group.features()) {
            state = serializer.copy(state);
            loadedLive = false;
        }
        return state;
    }

    private void store(KeyedWindowState state) throws IOException {
        if (loadedLive) {
            if (changedInPlace != null) {
                changedInPlace.add((String) keys.getCurrentKey());
            }
            return; // the backend's own object, already changed
        } else if (cache != null) {
            cache.put(state);
        } else {
            windows.update(state);
        }
    }

    private void clear() {
        if (cache != null) {
            cache.remove();
        } else {
            windows.clear();
        }
    }

    /**
     * The backend is Flink's heap backend: a state read from it is the live object in its copy-on-write map, which
     * hands out a copy when an asynchronous snapshot still needs the old one. So a changed state need not be written
     * back, which saves a second hash lookup per event ({@link WindowFeatureOperator} calls this).
     */
    void statesLiveOnHeap() {
        changeInPlace = true;
    }

    /**
     * The backend is Flink's changelog backend over the heap: reads still return the heap's live objects, changed in
     * place as with {@link #statesLiveOnHeap()}, but only a write reaches the log, from which a restore replays the
     * changes since the last materialization. So each changed key is written back once per checkpoint, at its start
     * ({@link #writeBackChanges()}): the log gets the key's newest state, the serialization a snapshot of the heap
     * would have spent on every key is spent on the changed ones, and the checkpoint persists only that.
     */
    void statesLiveOnHeapLoggedAtSnapshots(KeyContext operator) {
        changeInPlace = true;
        keys = operator;
        changedInPlace = new HashSet<>();
    }

    /**
     * From now on, keeps the states of up to {@code capacity} keys on the heap, written to the backend on eviction
     * and at {@link #writeBackChanges()} ({@link WindowFeatureOperator} calls both); halves itself when
     * {@code heapPressure} rises ({@link HeapPressure}).
     */
    void cacheStates(KeyContext keys, int capacity, LongSupplier heapPressure) {
        MetricGroup metrics = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup());
        cache = new WindowStateCache(windows, keys, capacity, metrics.counter(PipelineMetrics.FEATURE_STATE_READS),
                metrics.counter(PipelineMetrics.FEATURE_STATE_WRITES), heapPressure,
                metrics.counter(PipelineMetrics.FEATURE_STATE_CACHE_SHRINKS));
    }

    /** How many keys the cache may hold now (less than configured after heap pressure); empty without a cache. */
    OptionalInt cacheLimit() {
        return cache == null ? OptionalInt.empty() : OptionalInt.of(cache.limit());
    }

    /** How many keys' states the cache holds now; empty when there is no cache. */
    OptionalInt cachedKeys() {
        return cache == null ? OptionalInt.empty() : OptionalInt.of(cache.size());
    }

    /**
     * Writes the states changed since the last call to the backend where it needs the write: the cache's (see
     * {@link #cacheStates}) and those changed in place on a changelog backend (see
     * {@link #statesLiveOnHeapLoggedAtSnapshots}); nothing on the plain heap backend.
     */
    void writeBackChanges() throws IOException {
        if (cache != null) {
            cache.flush();
        } else if (changedInPlace != null && !changedInPlace.isEmpty()) {
            Object current = keys.getCurrentKey(); // restored after, as the cache's flush does
            try {
                for (String key : changedInPlace) {
                    keys.setCurrentKey(key);
                    KeyedWindowState state = windows.value();
                    if (state != null) { // null: expired since, and the clear is in the log already
                        windows.update(state);
                    }
                }
                changedInPlace.clear();
            } finally {
                if (current != null) {
                    keys.setCurrentKey(current);
                }
            }
        }
    }

    /**
     * The final horizon: no watermark yet means no event can be judged late. Capped at the largest event time the
     * state accepts, because the end-of-input watermark ({@link Long#MAX_VALUE}) would overflow the window arithmetic.
     */
    private long horizon(long watermark) {
        if (watermark == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return Math.min(watermark - allowedLatenessMs, KeyedWindowState.MAX_ABS_TIME);
    }
}

package io.streamscore.features;

/**
 * The sliding-window feature state of one key: every event is answered with its feature values as of its own time,
 * point-in-time correct, in O(1) amortized per in-order event and feature (see the cost notes below). Not thread
 * safe; one instance per key, kept by the caller (e.g. a Flink keyed operator, through
 * {@link KeyedWindowStateSerializer}).
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Window.</b> An event at time {@code t} (epoch ms) is answered over the events of this key with a time in
 *       {@code [start, t]}, where {@code start = floor((t - w + 1) / g) * g} for window {@code w} and tile {@code g}:
 *       the window {@code (t - w, t]} with its start rounded down to the tile grid (multiples of {@code g} since the
 *       epoch), so it may reach up to {@code g - 1} ms further back. The head is exact to the millisecond.</li>
 *   <li><b>Point in time.</b> Only events that arrived before it, and the event itself, count: an event with a later
 *       time that arrived earlier is excluded, and events with the same time that arrived earlier are included.</li>
 *   <li><b>Out of order.</b> An event whose time is after the final horizon lands in its place: later answers see
 *       it. The caller owns lateness: {@code horizon} = watermark - allowed lateness promises that no later call
 *       brings an event at or before it; an event at or before the horizon is rejected (route it to the late output
 *       first). Horizons only move forward; a smaller one is ignored.</li>
 *   <li><b>Contribution.</b> An event contributes to a feature if it passes the feature's filter and its field is
 *       present (not NaN, not null); count without a field counts events passing the filter.</li>
 * </ul>
 *
 * <h2>Cost and state bound</h2>
 * Events after the horizon stay raw in a shared log (about (out-of-orderness + lateness) x rate entries; each holds
 * a time, an arrival number, one input per feature and a prefix aggregate of 1-3 doubles per monoid feature). Older
 * events are compacted: per monoid feature into at most {@code w / g + 2} tiles (8 bytes + 8-24 bytes each, twice
 * for the suffix aggregates), per last_n feature into n values, per distinct_count feature into at most its cap
 * values, per approx_distinct feature into at most 53 x 4096 entries (typically a few per register). So with the
 * default tile ({@code w / 300}) a monoid feature holds about 300 tiles, whatever the rate. In-order events cost
 * O(features) amortized; an out-of-order event also costs O(log entries after it); distinct_count and
 * approx_distinct costs are given in their classes. Everything is evicted once the horizon reaches
 * {@link #expiryHorizon()}.
 */
public final class KeyedWindowState {
    /** Event times must lie in [-2^53, 2^53] ms, where doubles hold them exactly (about +-285,000 years). */
    public static final long MAX_ABS_TIME = 1L << 53;
    private static final long NO_HORIZON = -MAX_ABS_TIME - 1;

    private final FeatureSet features;
    private final RawEventLog log;
    private final FeatureWindow[] windows;
    private long horizon = NO_HORIZON;
    private long nextArrival;
    private long latestTime = Long.MIN_VALUE;

    KeyedWindowState(FeatureSet features) {
        this.features = features;
        this.log = new RawEventLog(features.logColumnWidths(), features.logKeyColumns());
        this.windows = new FeatureWindow[features.size()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = features.newWindow(i);
        }
    }

    /** A structural copy of {@code from}: every array cloned, nothing serialized. */
    private KeyedWindowState(KeyedWindowState from, FeatureSet features) {
        this.features = features;
        this.log = from.log.copy();
        this.windows = new FeatureWindow[from.windows.length];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = from.windows[i].copy();
        }
        this.horizon = from.horizon;
        this.nextArrival = from.nextArrival;
        this.latestTime = from.latestTime;
    }

    /**
     * An independent deep copy, bound to the same feature set: it gives bit-identical answers to the same later
     * updates, and neither changes the other. Costs about as much as the state's arrays (Flink's heap backend copies
     * every state that is touched while an asynchronous snapshot runs).
     */
    public KeyedWindowState copy() {
        return new KeyedWindowState(this, features);
    }

    /**
     * Like {@link #copy()}, but bound to {@code boundTo}, a feature set of the same layout (same
     * {@link FeatureSet#fingerprint()}; e.g. the operator's own set, with its filters, for a state restored without
     * them).
     *
     * @throws IllegalArgumentException if {@code boundTo} has another layout
     */
    public KeyedWindowState copy(FeatureSet boundTo) {
        if (boundTo != features && boundTo.fingerprint() != features.fingerprint()) {
            throw new IllegalArgumentException("a window state cannot be bound to a feature set of another layout");
        }
        return new KeyedWindowState(this, boundTo);
    }

    public FeatureSet features() {
        return features;
    }

    /**
     * Advances to {@code horizon}, adds the event and returns its feature values as of {@code time}.
     *
     * @throws IllegalArgumentException if {@code time} is at or before the horizon (a late event) or out of range
     */
    public FeatureVector update(long time, double[] numbers, String[] strings, long horizon) {
        FeatureVector out = features.newVector();
        update(time, numbers, strings, horizon, out);
        return out;
    }

    /**
     * Like {@link #update(long, double[], String[], long)}, but writes the feature values into {@code out}, which a
     * caller can keep and reuse for every event of every key (an operator's per-event allocations add up; only
     * {@code last_n} features still allocate their value lists). Every feature's value in {@code out} is replaced.
     *
     * @param out a vector of this state's feature set, from {@link FeatureSet#newVector()}
     */
    public void update(long time, double[] numbers, String[] strings, long horizon, FeatureVector out) {
        if (out.features() != features) {
            throw new IllegalArgumentException("the feature vector belongs to another feature set");
        }
        advance(horizon);
        if (time <= this.horizon || time > MAX_ABS_TIME || time < -MAX_ABS_TIME) {
            throw new IllegalArgumentException("event time " + time + " is at or before the final horizon "
                    + this.horizon + " (route late events away before update) or outside +-2^53");
        }
        int pos = log.insert(time, nextArrival++);
        for (int f = 0; f < windows.length; f++) {
            FeatureInput input = features.input(f);
            if (input.usesKey()) {
                log.keys(f)[pos] = input.keyHash(numbers, strings);
            } else {
                log.set(f, pos, input.number(numbers, strings));
            }
            windows[f].inserted(log, pos);
        }
        latestTime = Math.max(latestTime, time);
        for (FeatureWindow window : windows) {
            window.answer(log, pos, time, this.horizon, out);
        }
    }

    /**
     * Moves the final horizon forward: compacts events at or before it and evicts what no answer can reach. A horizon
     * beyond {@link #MAX_ABS_TIME} (such as Flink's end-of-input watermark, Long.MAX_VALUE) is taken as
     * {@code MAX_ABS_TIME}: the window arithmetic must not overflow, and it empties the state all the same.
     */
    public void advance(long horizon) {
        long clamped = Math.min(Math.max(horizon, NO_HORIZON), MAX_ABS_TIME);
        if (clamped <= this.horizon) {
            return;
        }
        this.horizon = clamped;
        int end = log.firstAtOrAfter(clamped + 1);
        if (end > log.start()) {
            for (FeatureWindow window : windows) {
                for (int j = log.start(); j < end; j++) {
                    window.compact(log, j);
                }
                window.compacted(log, end - 1, clamped);
            }
            log.removeFirst(end - log.start());
        }
        for (FeatureWindow window : windows) {
            window.evict(clamped);
        }
    }

    /** Whether the key holds no events any more; the caller can then drop the state. */
    public boolean isEmpty() {
        if (log.size() > 0) {
            return false;
        }
        for (FeatureWindow window : windows) {
            if (!window.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The horizon at which {@link #advance(long)} empties this state: the latest event time plus the longest window
     * (to the tile grid). In watermark time that is {@code expiryHorizon() + allowed lateness}: one timer per key,
     * moved when a newer event arrives. {@link Long#MIN_VALUE} when no event was ever added.
     */
    public long expiryHorizon() {
        if (latestTime == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long expiry = Long.MIN_VALUE;
        for (int f = 0; f < windows.length; f++) {
            expiry = Math.max(expiry, features.grid(f).evictionHorizon(latestTime));
        }
        return expiry;
    }

    /** The current final horizon. */
    public long horizon() {
        return horizon;
    }

    /** Events after the horizon, kept raw; exposed so operators can report it as a metric. */
    public int pendingEvents() {
        return log.size();
    }

    RawEventLog log() {
        return log;
    }

    FeatureWindow window(int feature) {
        return windows[feature];
    }

    long nextArrival() {
        return nextArrival;
    }

    long latestTime() {
        return latestTime;
    }

    void restoreCounters(long restoredHorizon, long restoredNextArrival, long restoredLatestTime) {
        this.horizon = restoredHorizon;
        this.nextArrival = restoredNextArrival;
        this.latestTime = restoredLatestTime;
    }
}

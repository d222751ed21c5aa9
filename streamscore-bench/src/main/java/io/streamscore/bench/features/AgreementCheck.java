package io.streamscore.bench.features;

import io.streamscore.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Compares our answers with each baseline's where the three semantics coincide; a mismatch fails the benchmark.
 *
 * <ul>
 *   <li><b>DataStream sliding windows</b> answer per key and window {@code [b - 5 min, b)}, b on the 10 s grid. Ours
 *       answers an event at {@code b - 1 ms} over {@code [floor((b - 5 min) / 1 s) * 1 s, b - 1] = [b - 5 min, b)}
 *       (b is on the tile grid). So we replay the input with probe events injected: for a sample of windows that
 *       hold at least one event, a probe for the window's key at time {@code b - 1}, without an amount (it adds
 *       nothing), placed once the newest time reached {@code b + 5 s}: by then every event before {@code b} has
 *       arrived (disorder <= 5 s), so arrival order cannot hide one. That run uses a 10 s watermark bound so the
 *       probe itself is not late. Same out-of-order input otherwise.</li>
 *   <li><b>SQL OVER</b> orders by time and its range {@code [t - 5 min, t]} includes both ends and every row with the
 *       same time, whenever it arrived. Ours is {@code (t - 5 min, t]}, point in time by arrival. They coincide on an
 *       in-order copy with times truncated to whole seconds (the tile): then ours starts at exactly
 *       {@code t - 5 min} too. Rows whose key has another row in the same second are left out of the comparison
 *       (SQL counts the later-arriving peer, we do not); they still count inside every other answer.</li>
 * </ul>
 * Both compare a sample of {@link #SAMPLES} points, not every output: the full outputs are millions of rows.
 */
final class AgreementCheck {
    static final int SAMPLES = 10_000;
    private static final long SLIDE_MILLIS = SlidingWindowEngine.SLIDE.toMillis();
    private static final long WINDOW_MILLIS = StreamscoreEngine.WINDOW.toMillis();
    private static final int MAX_EXAMPLES = 5;

    private final BenchCluster cluster;
    private final long seed;

    AgreementCheck(BenchCluster cluster, long seed) {
        this.cluster = cluster;
        this.seed = seed;
    }

    Agreement versusSlidingWindows(BenchInput input, FeatureEngine ours, FeatureEngine sliding) throws Exception {
        Map<String, Event> probes = probes(input);
        Event[] withProbes = injectProbes(input, probes.values());
        String oursName = "agreement-probes-" + input.keys();
        String theirsName = "agreement-sliding-" + input.keys();
        ReplayInputs.register(oursName, withProbes);
        ReplayInputs.register(theirsName, input.events());
        try {
            long bound = input.outOfOrderMillis();
            List<FeatureSample> mine = cluster.samples(ours, oursName, withProbes.length, 2 * bound, probes.keySet());
            List<FeatureSample> theirs = cluster.samples(sliding, theirsName, input.size(), bound, probes.keySet());
            return compare(sliding.name(), "probes at window end - 1 ms for " + probes.size() + " sampled (key, 5-min"
                    + " window) pairs holding events, on the out-of-order input", probes.keySet(), mine, theirs);
        } finally {
            ReplayInputs.remove(oursName);
            ReplayInputs.remove(theirsName);
        }
    }

    Agreement versusSqlOver(BenchInput input, FeatureEngine ours, FeatureEngine sql) throws Exception {
        Event[] inOrder = inOrderWholeSeconds(input.events());
        Set<String> ids = uniqueKeySecondSample(inOrder);
        String name = "agreement-in-order-" + input.keys();
        ReplayInputs.register(name, inOrder);
        try {
            long bound = input.outOfOrderMillis();
            List<FeatureSample> mine = cluster.samples(ours, name, inOrder.length, bound, ids);
            List<FeatureSample> theirs = cluster.samples(sql, name, inOrder.length, bound, ids);
            return compare(sql.name(), "every " + (inOrder.length / SAMPLES) + "th event of an in-order copy with times"
                    + " truncated to whole seconds, leaving out events whose key has another event in that second",
                    ids, mine, theirs);
        } finally {
            ReplayInputs.remove(name);
        }
    }

    /** One probe per sampled (key, window end) whose window holds the sampled event; keyed by sample id. */
    private Map<String, Event> probes(BenchInput input) {
        SplittableRandom random = new SplittableRandom(seed);
        long lastEnd = input.lastTime() - 2 * input.outOfOrderMillis();
        Map<String, Event> probes = new HashMap<>();
        for (int attempt = 0; attempt < 10 * SAMPLES && probes.size() < SAMPLES; attempt++) {
            Event event = input.events()[random.nextInt(input.size())];
            long slides = WINDOW_MILLIS / SLIDE_MILLIS;
            long end = (Math.floorDiv(event.eventTime, SLIDE_MILLIS) + 1 + random.nextLong(slides)) * SLIDE_MILLIS;
            if (end <= lastEnd) {
                String id = SlidingWindowEngine.probeId(event.key, end);
                probes.put(id, new Event(event.schema, event.source, id, event.key, end - 1, 0L,
                        new double[] {Double.NaN}, event.strings));
            }
        }
        return probes;
    }

    /** Each probe goes right after the first event that brings the newest time to its window end + disorder bound. */
    private static Event[] injectProbes(BenchInput input, Iterable<Event> probes) {
        List<Event> pending = new ArrayList<>();
        probes.forEach(pending::add);
        pending.sort(Comparator.comparingLong(probe -> probe.eventTime));
        List<Event> out = new ArrayList<>(input.size() + pending.size());
        long newest = Long.MIN_VALUE;
        int next = 0;
        for (Event event : input.events()) {
            out.add(event);
            newest = Math.max(newest, event.eventTime);
            while (next < pending.size() && pending.get(next).eventTime + 1 + input.outOfOrderMillis() <= newest) {
                out.add(pending.get(next++));
            }
        }
        return out.toArray(new Event[0]);
    }

    private static Event[] inOrderWholeSeconds(Event[] events) {
        Event[] copy = new Event[events.length];
        for (int i = 0; i < events.length; i++) {
            Event e = events[i];
            copy[i] = new Event(e.schema, e.source, e.eventId, e.key, Math.floorDiv(e.eventTime, 1000) * 1000,
                    e.ingestTime, e.numbers, e.strings);
        }
        Arrays.sort(copy, Comparator.comparingLong(e -> e.eventTime)); // stable: arrival order within a second
        return copy;
    }

    private static Set<String> uniqueKeySecondSample(Event[] inOrder) {
        Map<String, Integer> perKeySecond = new HashMap<>();
        for (Event e : inOrder) {
            perKeySecond.merge(e.key + "@" + e.eventTime, 1, Integer::sum);
        }
        Set<String> ids = new LinkedHashSet<>();
        int stride = Math.max(1, inOrder.length / SAMPLES);
        for (int i = 0; i < inOrder.length; i += stride) {
            Event e = inOrder[i];
            if (perKeySecond.get(e.key + "@" + e.eventTime) == 1) {
                ids.add(e.eventId);
            }
        }
        return ids;
    }

    private static Agreement compare(String baseline, String method, Set<String> ids, List<FeatureSample> mine,
                                     List<FeatureSample> theirs) {
        Map<String, FeatureSample> ours = byId(mine);
        Map<String, FeatureSample> other = byId(theirs);
        int mismatches = 0;
        List<String> examples = new ArrayList<>();
        for (String id : ids) {
            FeatureSample a = ours.get(id);
            FeatureSample b = other.get(id);
            if (a == null || b == null || !a.agreesWith(b)) {
                mismatches++;
                if (examples.size() < MAX_EXAMPLES) {
                    examples.add(id + ": ours " + a + " vs " + baseline + " " + b);
                }
            }
        }
        return new Agreement(baseline, method, ids.size(), mismatches, examples);
    }

    private static Map<String, FeatureSample> byId(List<FeatureSample> samples) {
        Map<String, FeatureSample> map = new HashMap<>();
        for (FeatureSample sample : samples) {
            if (map.put(sample.id(), sample) != null) {
                throw new IllegalStateException("two answers for " + sample.id());
            }
        }
        return map;
    }
}

package io.streamscore.train;

import io.streamscore.event.Event;
import io.streamscore.features.DerivedFeature;
import io.streamscore.features.FeatureColumns;
import io.streamscore.features.FeatureGroup;
import io.streamscore.features.FeaturePlan;
import io.streamscore.features.FeaturePlanCompiler;
import io.streamscore.features.FeatureVector;
import io.streamscore.features.KeyedWindowState;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a spec's features over events in arrival order on one thread, with the same code the stream's feature
 * operators run ({@link KeyedWindowState}, {@link FeatureColumns}, the plan's derived features), so a replay yields
 * the feature log the pipeline would have written for the same input. Lateness follows the pipeline: per source, the
 * watermark trails the newest event time by {@code max_out_of_orderness + 1 ms}, and an event at or before
 * {@code watermark - allowed_lateness} is late and gets no features, as it would go to the late topic.
 *
 * <p>The one difference from the stream is which events are late. The stream's watermark moves in steps (on an
 * event once it has advanced 100 ms, and on the periodic tick), is the minimum over a source's Kafka partitions, and
 * restarts from the checkpointed floor after a failure; the replay's moves on every event. So the replay's watermark
 * is never behind the stream's: an event up to one step behind the lateness bound (100 ms plus any lag between
 * partitions) may be late here and on time in the stream, never the reverse. Such an event then also counts in the
 * stream's windows of the later events of its keys and not in the replay's, so those features differ too; with a
 * lateness bound above the data's real disorder no event is near it and the features are equal.
 */
public final class FeatureReplay {
    private final FeaturePlan plan;
    private final Map<String, SourceClock> clocks = new HashMap<>();
    private final List<Map<String, KeyedWindowState>> states = new ArrayList<>();
    private final List<FeatureVector> vectors = new ArrayList<>();
    private long lateEvents;

    public FeatureReplay(PipelineSpec spec) {
        this.plan = FeaturePlanCompiler.compile(spec);
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("pipeline " + spec.name() + " declares no features to replay");
        }
        for (SourceSpec source : spec.sources()) {
            clocks.put(source.name(), new SourceClock(source.maxOutOfOrderness().toMillis(),
                    source.allowedLateness().toMillis()));
        }
        for (FeatureGroup group : plan.groups()) {
            states.add(new HashMap<>());
            vectors.add(group.features().newVector());
        }
    }

    /** The feature columns, in the order {@link #apply} returns them. */
    public List<String> columns() {
        return plan.columns();
    }

    public long lateEvents() {
        return lateEvents;
    }

    /**
     * The features of {@code event} (whose {@code source} names a spec source) as of its own time, also stored in
     * {@code event.features}; null if the pipeline would have routed it to the late topic.
     */
    public double[] apply(Event event) {
        SourceClock clock = clocks.get(event.source);
        if (clock == null) {
            throw new IllegalArgumentException("event " + event.eventId + " is from '" + event.source
                    + "', not a source of the pipeline " + clocks.keySet());
        }
        long horizon = clock.horizon();
        if (horizon != Long.MIN_VALUE && event.eventTime <= horizon) {
            lateEvents++;
            return null;
        }
        clock.observe(event.eventTime);
        double[] columns = FeatureColumns.of(event, plan.width());
        for (int g = 0; g < plan.groups().size(); g++) {
            FeatureGroup group = plan.groups().get(g);
            if (group.appliesTo(event)) {
                KeyedWindowState state = states.get(g).computeIfAbsent(group.key(event),
                        key -> group.features().newState());
                FeatureVector values = vectors.get(g);
                state.update(event.eventTime, event.numbers, event.strings, Math.max(horizon, state.horizon()), values);
                FeatureColumns.write(values, columns, group.offset());
            }
        }
        List<DerivedFeature> derived = plan.derived();
        for (int i = 0; i < derived.size(); i++) {
            columns[plan.derivedColumn(i)] = derived.get(i).evaluate(event);
        }
        return columns;
    }

    /** A source's watermark as the ingest stage computes it, and the lateness horizon below it. */
    private static final class SourceClock {
        private final long maxOutOfOrderness;
        private final long allowedLateness;
        private long newest = Long.MIN_VALUE;

        SourceClock(long maxOutOfOrderness, long allowedLateness) {
            this.maxOutOfOrderness = maxOutOfOrderness;
            this.allowedLateness = allowedLateness;
        }

        void observe(long eventTime) {
            newest = Math.max(newest, eventTime);
        }

        long horizon() {
            if (newest == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
            return newest - maxOutOfOrderness - 1 - allowedLateness;
        }
    }
}

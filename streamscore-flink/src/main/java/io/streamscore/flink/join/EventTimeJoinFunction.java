package io.streamscore.flink.join;

import io.streamscore.event.Event;
import io.streamscore.flink.ingest.LateEvent;
import io.streamscore.flink.metrics.PipelineMetrics;
import io.streamscore.flink.serialization.EventTypeInfo;
import io.streamscore.join.ClickHistory;
import io.streamscore.join.JoinPlan;
import io.streamscore.join.ProfileHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The event-time join of a key's streams (keyed by the events' key, the user): enriched events (transactions) wait
 * in state until the watermark has passed their time plus the joined sources' allowed lateness, so that every click
 * and profile change up to their time that is not late has arrived, whatever the arrival order; each is then
 * emitted with the click features as of its time and the columns of the profile version valid at its time, appended
 * to its feature columns. Clicks and profile changes are consumed. Events of other sources pass through.
 *
 * <p>A click or change that arrives when the watermark is already past its time plus that lateness could have changed
 * results already emitted: it goes to the {@link #late} output of its source instead (the late-event router before
 * this operator already sends most of them there). When the watermark stalls, a waiting event goes out after
 * {@code max_wait} of wall-clock time since it was read, with what is known ({@code join_forced}).
 *
 * <p>State per key: the click history, the profile history and the waiting events, pruned on every event-time timer
 * to what events still to come can read: clicks newer than the oldest possible query minus the longest window, and
 * the profile version valid at that time onward. A key with nothing left is cleared.
 */
public final class EventTimeJoinFunction extends KeyedProcessFunction<String, Event, Event> {
    /** Cleanup timers are rounded up to this, so a busy key has few of them. */
    static final long CLEANUP_GRANULARITY_MS = 10_000;

    private final JoinPlan plan;
    private final int featureWidth;
    private final long enrichedLatenessMs;
    private transient ValueState<ClickHistory> clicks;
    private transient ValueState<ProfileHistory> profiles;
    private transient ListState<Event> waiting;
    private transient Counter enriched;
    private transient Counter withoutProfile;
    private transient Counter clicksIn;
    private transient Counter profileVersions;
    private transient Counter lateEvents;
    private transient Counter forced;

    /**
     * @param featureWidth the feature columns events carry before the join (the feature plan's width)
     * @param enrichedLatenessMs the enriched source's allowed lateness: its events older than the watermark by
     *     more never arrive, so state older than that is not needed for them
     */
    public EventTimeJoinFunction(JoinPlan plan, int featureWidth, long enrichedLatenessMs) {
        this.plan = plan;
        this.featureWidth = featureWidth;
        this.enrichedLatenessMs = enrichedLatenessMs;
    }

    /** The late events of a joined source (clicks or profile changes) found by this operator. */
    public static OutputTag<LateEvent> late(String sourceName) {
        return new OutputTag<>("join-late-" + sourceName, TypeInformation.of(LateEvent.class));
    }

    @Override
    public void open(OpenContext openContext) {
        clicks = getRuntimeContext().getState(new ValueStateDescriptor<>("clicks",
                TypeInformation.of(ClickHistory.class)));
        profiles = getRuntimeContext().getState(new ValueStateDescriptor<>("profiles",
                TypeInformation.of(ProfileHistory.class)));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting",
                EventTypeInfo.INSTANCE));
        MetricGroup group = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup());
        enriched = group.counter(PipelineMetrics.JOINED_ENRICHED);
        withoutProfile = group.counter(PipelineMetrics.JOINED_WITHOUT_PROFILE);
        clicksIn = group.counter(PipelineMetrics.JOIN_CLICKS);
        profileVersions = group.counter(PipelineMetrics.JOIN_PROFILE_VERSIONS);
        lateEvents = group.counter(PipelineMetrics.JOIN_LATE);
        forced = group.counter(PipelineMetrics.JOIN_FORCED);
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Event> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (plan.isEnriched(event)) {
            waiting.add(event);
            long due = event.eventTime + plan.waitLatenessMs();
            if (due <= watermark) {
                emitDue(watermark, out);
            } else {
                ctx.timerService().registerEventTimeTimer(due);
                ctx.timerService().registerProcessingTimeTimer(event.ingestTime + plan.maxWaitMs());
            }
        } else if (plan.isClick(event) || plan.isProfileChange(event)) {
            if (watermark != Long.MIN_VALUE && event.eventTime + plan.waitLatenessMs() <= watermark) {
                lateEvents.inc();
                ctx.output(late(event.source), new LateEvent(event, watermark, plan.waitLatenessMs()));
                return;
            }
            remember(event);
            long horizon = event.eventTime + plan.maxWindowMs() + enrichedLatenessMs + plan.waitLatenessMs();
            ctx.timerService().registerEventTimeTimer(roundUp(horizon));
        } else {
            out.collect(event);
        }
    }

    private void remember(Event event) throws Exception {
        if (plan.isClick(event)) {
            clicksIn.inc();
            ClickHistory history = clicks.value() == null ? new ClickHistory() : clicks.value();
            history.add(event.eventTime, plan.clickKind(event), plan.clickSession(event));
            clicks.update(history);
        } else {
            profileVersions.inc();
            ProfileHistory history = profiles.value() == null ? new ProfileHistory(plan.profileWidth())
                    : profiles.value();
            history.add(event.eventTime, plan.profileRow(event));
            profiles.update(history);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Event> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            emitDue(ctx.timerService().currentWatermark(), out);
            prune(ctx.timerService().currentWatermark());
        } else {
            emitWaitedTooLong(timestamp, out);
        }
    }

    /** Emits the waiting events whose time plus the wait lateness the watermark has reached. */
    private void emitDue(long watermark, Collector<Event> out) throws Exception {
        emitWhere(event -> event.eventTime + plan.waitLatenessMs() <= watermark, out, false);
    }

    private void emitWaitedTooLong(long now, Collector<Event> out) throws Exception {
        emitWhere(event -> event.ingestTime + plan.maxWaitMs() <= now, out, true);
    }

    private void emitWhere(java.util.function.Predicate<Event> ready, Collector<Event> out, boolean early)
            throws Exception {
        List<Event> stillWaiting = new ArrayList<>();
        List<Event> due = new ArrayList<>();
        for (Event event : waiting.get()) {
            (ready.test(event) ? due : stillWaiting).add(event);
        }
        if (due.isEmpty()) {
            return;
        }
        waiting.update(stillWaiting);
        due.sort((a, b) -> Long.compare(a.eventTime, b.eventTime));
        ClickHistory clickHistory = clicks.value();
        ProfileHistory profileHistory = profiles.value();
        for (Event event : due) {
            out.collect(join(event, clickHistory, profileHistory));
            if (early) {
                forced.inc();
            }
        }
    }

    private Event join(Event event, ClickHistory clickHistory, ProfileHistory profileHistory) {
        double[] columns = Arrays.copyOf(event.features == null ? new double[0] : event.features,
                featureWidth + plan.columns().size());
        if (event.features == null) {
            Arrays.fill(columns, 0, featureWidth, Double.NaN);
        }
        plan.clickFeatures(clickHistory, event.eventTime, columns, featureWidth);
        int profileAt = featureWidth + plan.clickWidth();
        boolean found = profileHistory != null && profileHistory.lookup(event.eventTime, columns, profileAt);
        if (!found) {
            Arrays.fill(columns, profileAt, columns.length, Double.NaN);
        }
        (found ? enriched : withoutProfile).inc();
        event.features = columns;
        return event;
    }

    /** Drops state no event still to come can read; clears the key when nothing is left. */
    private void prune(long watermark) throws Exception {
        long oldestQuery = watermark - enrichedLatenessMs;
        for (Event event : waiting.get()) {
            oldestQuery = Math.min(oldestQuery, event.eventTime);
        }
        ClickHistory clickHistory = clicks.value();
        if (clickHistory != null) {
            clickHistory.pruneBefore(oldestQuery - plan.maxWindowMs());
            update(clicks, clickHistory, clickHistory.isEmpty());
        }
        ProfileHistory profileHistory = profiles.value();
        if (profileHistory != null) {
            profileHistory.pruneBefore(oldestQuery);
            update(profiles, profileHistory, profileHistory.isEmpty());
        }
    }

    private static <T> void update(ValueState<T> state, T value, boolean empty) throws Exception {
        if (empty) {
            state.clear();
        } else {
            state.update(value);
        }
    }

    private static long roundUp(long time) {
        return Math.floorDiv(time, CLEANUP_GRANULARITY_MS) * CLEANUP_GRANULARITY_MS + CLEANUP_GRANULARITY_MS;
    }
}

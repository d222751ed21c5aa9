package io.streamscore.flink.ingest;

import io.streamscore.event.Event;
import io.streamscore.flink.metrics.PipelineMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends events that are too late to the {@link #LATE} side output. An event is late when
 * {@code eventTime + allowedLateness <= watermark}, Flink's own rule for windows: the watermark already includes
 * the source's out-of-orderness bound, so an event is late only once it is behind both. Late events do not reach
 * features or scoring, so they never change state that later events read.
 *
 * <p>Flink does not checkpoint source watermarks: after a restore they restart from nothing, and the first records
 * replayed would be judged against no watermark at all. This router checkpoints the watermark it has seen (run it
 * in a {@link LateEventRouterOperator}, which shows it every watermark, not only those before an event) and uses
 * it as a floor after a restore (the smallest of all subtasks' floors, whatever the parallelism: the union state
 * gives each subtask all of them), so a record that was late before a failure is still late when replayed. A subtask
 * that never saw a watermark (one without a Kafka partition) knows nothing and has no say: its "no watermark" would
 * otherwise be the smallest floor and erase everyone's.
 */
public final class LateEventRouter extends ProcessFunction<Event, Event> implements CheckpointedFunction {
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late-events") {};

    private final String sourceName;
    private final long allowedLatenessMs;
    private transient Counter lateEvents;
    private transient ListState<Long> checkpointedWatermark;
    /** Volatile: the watermark-lag gauge reads it from the metrics thread; written only when the watermark moves. */
    private transient volatile long watermarkFloor;

    public LateEventRouter(String sourceName, long allowedLatenessMs) {
        this.sourceName = sourceName;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointedWatermark = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("watermark-floor", Long.class));
        watermarkFloor = Long.MIN_VALUE;
        if (context.isRestored()) {
            long floor = Long.MAX_VALUE;
            for (Long watermark : checkpointedWatermark.get()) {
                if (watermark != Long.MIN_VALUE) {
                    floor = Math.min(floor, watermark);
                }
            }
            watermarkFloor = floor == Long.MAX_VALUE ? Long.MIN_VALUE : floor;
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointedWatermark.update(java.util.List.of(watermarkFloor));
    }

    @Override
    public void open(OpenContext openContext) {
        org.apache.flink.metrics.MetricGroup group =
                PipelineMetrics.sourceGroup(getRuntimeContext().getMetricGroup(), sourceName);
        lateEvents = group.counter(PipelineMetrics.LATE_EVENTS);
        group.<Long, org.apache.flink.metrics.Gauge<Long>>gauge(PipelineMetrics.WATERMARK_LAG_MS,
                this::watermarkLagMillis);
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Event> out) {
        watermarkSeen(ctx.timerService().currentWatermark());
        if (isLate(event.eventTime, watermarkFloor, allowedLatenessMs)) {
            lateEvents.inc();
            ctx.output(LATE, new LateEvent(event, watermarkFloor, allowedLatenessMs));
        } else {
            out.collect(event);
        }
    }

    /**
     * Raises the floor to {@code watermark}. {@link LateEventRouterOperator} calls it on every watermark, so the floor
     * a checkpoint keeps is the watermark the operators after this one had when they took theirs, not the one of the
     * last event before it. The end-of-input watermark is not a floor: it would make every record late after a
     * restore.
     */
    void watermarkSeen(long watermark) {
        if (watermark > watermarkFloor && watermark != Long.MAX_VALUE) {
            watermarkFloor = watermark;
        }
    }

    /**
     * Wall clock minus the newest watermark seen; 0 before the first watermark (the gauge reads it from another
     * thread).
     */
    private long watermarkLagMillis() {
        long watermark = watermarkFloor;
        return watermark == Long.MIN_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - watermark);
    }

    static boolean isLate(long eventTime, long watermark, long allowedLateness) {
        return watermark != Long.MIN_VALUE && eventTime <= watermark - allowedLateness;
    }
}

package io.streamscore.flink.ingest;

import io.streamscore.event.Event;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Runs a {@link LateEventRouter} and shows it every watermark, which a process function only learns at its next
 * event. Without that, the floor a checkpoint kept was the watermark of the last event before the barrier: a
 * watermark that arrived after it had already moved the features, the join and the alerts on (expired windows,
 * emitted joins), while after a restore the router judged the replayed records against the older one and let
 * through records that the uninterrupted run sent to the late topic.
 */
public final class LateEventRouterOperator extends ProcessOperator<Event, Event> {
    private static final long serialVersionUID = 1L;

    private final LateEventRouter router;

    public LateEventRouterOperator(LateEventRouter router) {
        super(router);
        this.router = router;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        router.watermarkSeen(mark.getTimestamp());
        super.processWatermark(mark);
    }
}

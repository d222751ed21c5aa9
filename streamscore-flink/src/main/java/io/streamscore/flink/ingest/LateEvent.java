package io.streamscore.flink.ingest;

import io.streamscore.event.Event;

/** An event that arrived after the watermark had passed its time by more than the allowed lateness. A Flink POJO. */
public class LateEvent {
    public Event event;
    /** The watermark when it arrived. */
    public long watermark;
    /** How far behind the watermark it was, in milliseconds ({@code watermark - eventTime}). */
    public long latenessMs;
    public long allowedLatenessMs;

    public LateEvent() {}

    public LateEvent(Event event, long watermark, long allowedLatenessMs) {
        this.event = event;
        this.watermark = watermark;
        this.latenessMs = watermark - event.eventTime;
        this.allowedLatenessMs = allowedLatenessMs;
    }
}

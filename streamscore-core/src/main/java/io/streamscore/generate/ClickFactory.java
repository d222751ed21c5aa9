package io.streamscore.generate;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;

/** Builds click events on the built-in {@code click} schema. */
final class ClickFactory {
    private final EventSchema schema;
    private final int eventId;
    private final int userId;
    private final int sessionId;
    private final int page;
    private final int action;
    private final int eventTime;

    ClickFactory(EventSchema schema) {
        this.schema = schema;
        this.eventId = schema.require("event_id").slot();
        this.userId = schema.require("user_id").slot();
        this.sessionId = schema.require("session_id").slot();
        this.page = schema.require("page").slot();
        this.action = schema.require("action").slot();
        this.eventTime = schema.require("event_time").slot();
    }

    Event click(String id, ClickSession session, ClickAction clickAction, String pagePath, long time) {
        String[] strings = schema.newStrings();
        double[] numbers = schema.newNumbers();
        strings[eventId] = id;
        strings[userId] = session.user.id;
        strings[sessionId] = session.sessionId;
        strings[page] = pagePath;
        strings[action] = clickAction.code();
        numbers[eventTime] = time;
        return new Event(schema.name(), GeneratedStream.CLICKS.defaultTopic(), id, session.user.id, time, 0L,
                numbers, strings);
    }
}

package io.streamscore.generate;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;

/** Builds label events on the built-in {@code label} schema; a label's key and id are its transaction's id. */
final class LabelFactory {
    private final EventSchema schema;
    private final int eventId;
    private final int isFraud;
    private final int labelTime;

    LabelFactory(EventSchema schema) {
        this.schema = schema;
        this.eventId = schema.require("event_id").slot();
        this.isFraud = schema.require("is_fraud").slot();
        this.labelTime = schema.require("label_time").slot();
    }

    Event label(String transactionId, boolean fraud, long time) {
        String[] strings = schema.newStrings();
        double[] numbers = schema.newNumbers();
        strings[eventId] = transactionId;
        numbers[isFraud] = fraud ? 1 : 0;
        numbers[labelTime] = time;
        return new Event(schema.name(), GeneratedStream.LABELS.defaultTopic(), transactionId, transactionId, time,
                0L, numbers, strings);
    }
}

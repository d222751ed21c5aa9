package io.streamscore.flink;

import io.streamscore.event.Event;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys events by {@link Event#key}: their source's key field (a payment's user). */
public final class EventKeySelector implements KeySelector<Event, String> {
    @Override
    public String getKey(Event event) {
        return event.key;
    }
}

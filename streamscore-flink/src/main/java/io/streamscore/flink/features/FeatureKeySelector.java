package io.streamscore.flink.features;

import io.streamscore.event.Event;
import io.streamscore.features.FeatureGroup;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys the events of a feature group's source by the group's key fields; every other event by its own
 * {@link Event#key}, which spreads the pass-through traffic like the input.
 */
public final class FeatureKeySelector implements KeySelector<Event, String> {
    private final FeatureGroup group;

    public FeatureKeySelector(FeatureGroup group) {
        this.group = group;
    }

    @Override
    public String getKey(Event event) {
        return group.appliesTo(event) ? group.key(event) : event.key;
    }
}

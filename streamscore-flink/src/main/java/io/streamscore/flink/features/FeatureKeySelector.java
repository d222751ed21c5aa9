package io.streamscore.flink.features;

import io.streamscore.event.Event;
import io.streamscore.features.FeatureGroup;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys the events of a feature group's source by the group's key fields; every other event by its own
 * {@link Event#key}, which spreads the pass-through traffic like the input. A group keyed by its source's own key
 * field keys every event by {@link Event#key} (the same value for its source's events), so the stream after it is
 * partitioned exactly like {@code keyBy(event -> event.key)} and the next keyed operator needs no shuffle.
 */
public final class FeatureKeySelector implements KeySelector<Event, String> {
    private final FeatureGroup group;
    private final boolean byEventKey;

    /** @param byEventKey whether the group is keyed by its source's key field alone */
    public FeatureKeySelector(FeatureGroup group, boolean byEventKey) {
        this.group = group;
        this.byEventKey = byEventKey;
    }

    @Override
    public String getKey(Event event) {
        return byEventKey || !group.appliesTo(event) ? event.key : group.key(event);
    }
}

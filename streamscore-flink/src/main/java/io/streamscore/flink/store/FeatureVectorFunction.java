package io.streamscore.flink.store;

import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import io.streamscore.event.FieldType;
import io.streamscore.spec.RedisStoreSpec;
import io.streamscore.spec.SourceSpec;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Picks the stored features out of each event of the feature store's source: the entity (the source's key, or
 * another string or long field), the event time and id, and the configured feature (and joined) columns. Events of
 * other sources, and events without an entity value, are not stored.
 */
public final class FeatureVectorFunction implements FlatMapFunction<Event, FeatureVector> {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int[] columns;
    /** Slot of the entity field; -1 when the entity is the source's key. */
    private final int entitySlot;
    private final boolean entityIsNumber;

    /** @param planColumns the columns of {@code Event.features} in order: the feature plan's, then any joined ones */
    public FeatureVectorFunction(RedisStoreSpec store, SourceSpec source, List<String> planColumns) {
        this.source = source.name();
        this.columns = store.features().stream().mapToInt(name -> columnIndex(planColumns, name)).toArray();
        boolean byKey = store.entity().equals(source.keyField());
        EventField field = source.schema().require(store.entity());
        this.entitySlot = byKey ? -1 : field.slot();
        this.entityIsNumber = field.type() != FieldType.STRING;
    }

    private static int columnIndex(List<String> planColumns, String name) {
        int index = planColumns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("feature " + name + " is not a column of the plan " + planColumns);
        }
        return index;
    }

    @Override
    public void flatMap(Event event, Collector<FeatureVector> out) {
        if (!source.equals(event.source) || event.features == null) {
            return;
        }
        String entity = entity(event);
        if (entity == null) {
            return;
        }
        double[] values = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = event.features[columns[i]];
        }
        out.collect(new FeatureVector(entity, event.eventId, event.eventTime, values));
    }

    private String entity(Event event) {
        if (entitySlot < 0) {
            return event.key;
        }
        if (!entityIsNumber) {
            return event.strings[entitySlot];
        }
        double number = event.numbers[entitySlot];
        return Double.isNaN(number) ? null : Long.toString((long) number);
    }
}

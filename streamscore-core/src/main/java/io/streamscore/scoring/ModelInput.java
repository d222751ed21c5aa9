package io.streamscore.scoring;

import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where each of a model's inputs comes from in an event of one source: a feature column of the pipeline (by name),
 * else a numeric field of the source's schema (by name), else nowhere, which the model sees as missing (NaN) on
 * every event. Resolved once per model version and source, so filling a row is a copy per input.
 */
public final class ModelInput implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final int[] featureColumn;
    private final int[] numberSlot;

    private ModelInput(String[] names, int[] featureColumn, int[] numberSlot) {
        this.names = names;
        this.featureColumn = featureColumn;
        this.numberSlot = numberSlot;
    }

    /**
     * @param modelFeatures the model's feature names, in its input order
     * @param columns       the pipeline's feature columns, in {@code Event.features} order
     * @param schema        the source's schema, for inputs that are event fields (e.g. {@code amount})
     */
    public static ModelInput resolve(List<String> modelFeatures, List<String> columns, EventSchema schema) {
        int width = modelFeatures.size();
        int[] featureColumn = new int[width];
        int[] numberSlot = new int[width];
        for (int i = 0; i < width; i++) {
            String name = modelFeatures.get(i);
            featureColumn[i] = columns.indexOf(name);
            Optional<EventField> field = schema.field(name).filter(f -> f.type().isNumeric());
            numberSlot[i] = featureColumn[i] < 0 && field.isPresent() ? field.get().slot() : -1;
        }
        return new ModelInput(modelFeatures.toArray(String[]::new), featureColumn, numberSlot);
    }

    /** The model's inputs that no feature column or numeric field provides: always missing. */
    public List<String> unresolved() {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (featureColumn[i] < 0 && numberSlot[i] < 0) {
                missing.add(names[i]);
            }
        }
        return missing;
    }

    public int width() {
        return names.length;
    }

    /** Writes the event's values in model order into {@code row} (at least {@link #width()} long). */
    public void fill(Event event, double[] row) {
        for (int i = 0; i < names.length; i++) {
            int column = featureColumn[i];
            if (column >= 0) {
                row[i] = event.features != null && column < event.features.length ? event.features[column] : Double.NaN;
            } else {
                row[i] = numberSlot[i] >= 0 ? event.numbers[numberSlot[i]] : Double.NaN;
            }
        }
    }

    @Override
    public String toString() {
        return "ModelInput" + Arrays.toString(names);
    }
}

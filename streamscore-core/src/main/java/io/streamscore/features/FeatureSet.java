package io.streamscore.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled features of one key space: the definitions in a fixed order (the feature index), what each one reads
 * from an event, and its window grid. Immutable and shared by all keys; {@link #newState()} creates the mutable state
 * of one key.
 *
 * <p>Per key, the state holds one log column per feature (two for count/sum/avg/variance/stddev/min/max/first/last,
 * which also keep a prefix aggregate per logged event) and one finalized structure per feature.
 */
public final class FeatureSet implements java.io.Serializable {
    private final List<FeatureDefinition> definitions;
    private final FeatureInput[] inputs;
    private final WindowGrid[] grids;
    private final Map<String, Integer> indexes = new HashMap<>();
    private final long longestWindow;
    private final long fingerprint;

    private FeatureSet(List<FeatureDefinition> definitions) {
        if (definitions.isEmpty()) {
            throw new IllegalArgumentException("a feature set needs at least one feature");
        }
        this.definitions = List.copyOf(definitions);
        this.inputs = new FeatureInput[definitions.size()];
        this.grids = new WindowGrid[definitions.size()];
        long longest = 0;
        for (int i = 0; i < definitions.size(); i++) {
            FeatureDefinition definition = definitions.get(i);
            if (indexes.put(definition.name(), i) != null) {
                throw new IllegalArgumentException("feature name " + definition.name() + " is used twice");
            }
            inputs[i] = FeatureInput.of(definition);
            grids[i] = new WindowGrid(definition.windowMillis(), definition.tileMillis());
            longest = Math.max(longest, definition.windowMillis());
        }
        this.longestWindow = longest;
        this.fingerprint = digest(this.definitions);
    }

    public static FeatureSet of(List<FeatureDefinition> definitions) {
        return new FeatureSet(definitions);
    }

    public static FeatureSet of(FeatureDefinition... definitions) {
        return new FeatureSet(List.of(definitions));
    }

    public List<FeatureDefinition> definitions() {
        return definitions;
    }

    public FeatureDefinition definition(int index) {
        return definitions.get(index);
    }

    public int size() {
        return definitions.size();
    }

    /** The index of a feature by name; throws if there is none. */
    public int indexOf(String name) {
        Integer index = indexes.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no feature named " + name + "; features are " + indexes.keySet());
        }
        return index;
    }

    public long longestWindowMillis() {
        return longestWindow;
    }

    /**
     * A vector for this set's values, to pass to {@link KeyedWindowState#update(long, double[], String[], long,
     * FeatureVector)} again and again.
     */
    public FeatureVector newVector() {
        return new FeatureVector(this);
    }

    /** A fresh, empty state for one key. */
    public KeyedWindowState newState() {
        return new KeyedWindowState(this);
    }

    /**
     * A stable 64-bit digest of everything that shapes the state (names, aggregations, fields, windows, tiles,
     * parameters; not filters, which are code): the serializer refuses state written for another feature set.
     */
    public long fingerprint() {
        return fingerprint;
    }

    private static long digest(List<FeatureDefinition> definitions) {
        long hash = 0xcbf29ce484222325L;
        for (FeatureDefinition d : definitions) {
            String shape = d.name() + '|' + d.aggregation() + '|' + (d.field() == null ? "-" : d.field().type() + ":"
                    + d.field().slot()) + '|' + d.windowMillis() + '|' + d.tileMillis() + '|' + d.lastN() + '|'
                    + d.distinctCap() + ';';
            for (int i = 0; i < shape.length(); i++) {
                hash = (hash ^ shape.charAt(i)) * 0x100000001b3L;
            }
        }
        return hash;
    }

    FeatureInput input(int index) {
        return inputs[index];
    }

    WindowGrid grid(int index) {
        return grids[index];
    }

    /** Creates the finalized structure of feature {@code index}, reading log column {@code index} (and its prefix). */
    FeatureWindow newWindow(int index) {
        FeatureDefinition d = definitions.get(index);
        return switch (d.aggregation()) {
            case DISTINCT_COUNT -> new DistinctWindow(grids[index], index, index, d.distinctCap());
            case APPROX_DISTINCT -> new HyperLogLogWindow(grids[index], index, index);
            case LAST_N -> new LastValuesWindow(grids[index], index, index, d.lastN());
            default -> new TiledMonoidWindow(d.aggregation(), grids[index], index, index, size() + index);
        };
    }

    /** Widths of the log's double columns: inputs at {@code [0, size)}, monoid prefixes at {@code [size, 2 size)}. */
    int[] logColumnWidths() {
        int[] widths = new int[2 * size()];
        for (int i = 0; i < size(); i++) {
            Aggregation aggregation = definitions.get(i).aggregation();
            widths[i] = inputs[i].usesKey() ? 0 : 1;
            widths[size() + i] = AggregateMonoid.supports(aggregation) ? AggregateMonoid.of(aggregation).width : 0;
        }
        return widths;
    }

    boolean[] logKeyColumns() {
        boolean[] keyed = new boolean[size()];
        for (int i = 0; i < size(); i++) {
            keyed[i] = inputs[i].usesKey();
        }
        return keyed;
    }
}

package io.streamscore.features;

import io.streamscore.event.EventField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One windowed feature of a key: what to aggregate, over which window, at which tail resolution.
 *
 * <p>The window of an event at time {@code t} covers {@code (t - window, t]} with its start rounded down to the tile
 * grid: see {@link KeyedWindowState}. {@code tile} therefore bounds the error at the window's tail (the head is exact
 * to the millisecond) and, with the window, the state: at most {@code window / tile + 2} tiles per feature.
 *
 * @param name        unique within its {@link FeatureSet}
 * @param aggregation what to compute
 * @param field       the event slot to read; {@code null} only for {@link Aggregation#COUNT} (counts events)
 * @param window      between {@link #MIN_WINDOW} and {@link #MAX_WINDOW}, whole milliseconds
 * @param tile        tail resolution, between 1 ms and the window; {@link #defaultTile(Duration)} by default
 * @param filter      which events contribute
 * @param lastN       how many values {@link Aggregation#LAST_N} keeps, 1..{@link #MAX_LAST_N}; 0 otherwise
 * @param distinctCap values {@link Aggregation#DISTINCT_COUNT} tracks per key before it saturates; 0 otherwise
 */
public record FeatureDefinition(String name, Aggregation aggregation, EventField field, Duration window,
                                Duration tile, FeatureFilter filter, int lastN, int distinctCap)
        implements java.io.Serializable {
    public static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    public static final Duration MAX_WINDOW = Duration.ofDays(30);
    /** Default tail resolution is window / 300: at most 0.33% of the window, at most ~300 tiles of state. */
    public static final int DEFAULT_TILES_PER_WINDOW = 300;
    /** Finer tiles than this many per window would make the tile state large without a use. */
    public static final long MAX_TILES_PER_WINDOW = 100_000;
    public static final int MAX_LAST_N = 16;
    public static final int DEFAULT_DISTINCT_CAP = 1_000;
    public static final int MAX_DISTINCT_CAP = 1_000_000;

    public FeatureDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("feature name must not be blank");
        }
        Objects.requireNonNull(aggregation, () -> name + ": aggregation is required");
        Objects.requireNonNull(filter, () -> name + ": filter is required (use FeatureFilter.ALL)");
        validateField(name, aggregation, field);
        validateWindow(name, window, tile);
        validateParameters(name, aggregation, lastN, distinctCap);
    }

    /** The default tail resolution for a window: window / 300, at least 1 ms. */
    public static Duration defaultTile(Duration window) {
        return Duration.ofMillis(Math.max(1, window.toMillis() / DEFAULT_TILES_PER_WINDOW));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The feature's output columns: its name, or for {@link Aggregation#LAST_N} {@code <name>_1 .. <name>_n},
     * newest value first.
     */
    public List<String> columns() {
        return columnNames(name, aggregation, lastN);
    }

    /** The columns of a feature named {@code name}: see {@link #columns()}. */
    public static List<String> columnNames(String name, Aggregation aggregation, int lastN) {
        if (aggregation != Aggregation.LAST_N) {
            return List.of(name);
        }
        List<String> columns = new ArrayList<>(lastN);
        for (int i = 1; i <= lastN; i++) {
            columns.add(name + "_" + i);
        }
        return List.copyOf(columns);
    }

    public long windowMillis() {
        return window.toMillis();
    }

    public long tileMillis() {
        return tile.toMillis();
    }

    private static void validateField(String name, Aggregation aggregation, EventField field) {
        if (field == null) {
            if (aggregation.needsField()) {
                throw new IllegalArgumentException(name + ": " + aggregation.specName() + " needs a field");
            }
            return;
        }
        if (!field.type().isNumeric() && !aggregation.acceptsStrings()) {
            throw new IllegalArgumentException(name + ": " + aggregation.specName() + " needs a numeric field, "
                    + field.name() + " is a string; use distinct_count or approx_distinct for strings");
        }
    }

    private static void validateWindow(String name, Duration window, Duration tile) {
        Objects.requireNonNull(window, () -> name + ": window is required");
        Objects.requireNonNull(tile, () -> name + ": tile is required");
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0
                || !window.equals(Duration.ofMillis(window.toMillis()))) {
            throw new IllegalArgumentException(name + ": window must be whole milliseconds between 1s and 30d, was "
                    + window);
        }
        long tileMillis = tile.toMillis();
        if (!tile.equals(Duration.ofMillis(tileMillis)) || tileMillis < 1 || tileMillis > window.toMillis()) {
            throw new IllegalArgumentException(name + ": tile must be whole milliseconds between 1ms and the window "
                    + window + ", was " + tile);
        }
        if (window.toMillis() / tileMillis > MAX_TILES_PER_WINDOW) {
            throw new IllegalArgumentException(name + ": tile " + tile + " is finer than window / "
                    + MAX_TILES_PER_WINDOW + "; use a coarser tile");
        }
    }

    private static void validateParameters(String name, Aggregation aggregation, int lastN, int distinctCap) {
        boolean isLastN = aggregation == Aggregation.LAST_N;
        if (isLastN ? lastN < 1 || lastN > MAX_LAST_N : lastN != 0) {
            throw new IllegalArgumentException(name + ": lastN must be 1.." + MAX_LAST_N
                    + " for last_n and 0 otherwise, was " + lastN);
        }
        boolean isDistinct = aggregation == Aggregation.DISTINCT_COUNT;
        if (isDistinct ? distinctCap < 1 || distinctCap > MAX_DISTINCT_CAP : distinctCap != 0) {
            throw new IllegalArgumentException(name + ": distinctCap must be 1.." + MAX_DISTINCT_CAP
                    + " for distinct_count and 0 otherwise, was " + distinctCap);
        }
    }

    /** Builds a validated {@link FeatureDefinition}; the tile, filter, n and cap have defaults. */
    public static final class Builder {
        private final String name;
        private Aggregation aggregation;
        private EventField field;
        private Duration window;
        private Duration tile;
        private FeatureFilter filter = FeatureFilter.ALL;
        private int lastN = MAX_LAST_N;
        private int distinctCap = DEFAULT_DISTINCT_CAP;

        private Builder(String name) {
            this.name = name;
        }

        public Builder aggregation(Aggregation value) {
            this.aggregation = value;
            return this;
        }

        public Builder field(EventField value) {
            this.field = value;
            return this;
        }

        public Builder window(Duration value) {
            this.window = value;
            return this;
        }

        public Builder tile(Duration value) {
            this.tile = value;
            return this;
        }

        public Builder filter(FeatureFilter value) {
            this.filter = value;
            return this;
        }

        /** For {@link Aggregation#LAST_N}; {@link #MAX_LAST_N} by default. */
        public Builder lastN(int value) {
            this.lastN = value;
            return this;
        }

        /** For {@link Aggregation#DISTINCT_COUNT}; {@link #DEFAULT_DISTINCT_CAP} by default. */
        public Builder distinctCap(int value) {
            this.distinctCap = value;
            return this;
        }

        public FeatureDefinition build() {
            Duration resolvedTile = tile != null || window == null ? tile : defaultTile(window);
            return new FeatureDefinition(name, aggregation, field, window, resolvedTile, filter,
                    aggregation == Aggregation.LAST_N ? lastN : 0,
                    aggregation == Aggregation.DISTINCT_COUNT ? distinctCap : 0);
        }
    }
}

package io.streamscore.registry;

import java.util.Arrays;

/**
 * A baseline distribution of one feature (or of the score) over the training data, the reference that drift (PSI)
 * is measured against.
 *
 * <p>Layout: {@code n} strictly increasing finite {@code edges} make {@code n + 1} bins, so {@code counts} has
 * {@code n + 1} entries. Bin 0 is the underflow {@code (-inf, edges[0])}, bin {@code i} is
 * {@code [edges[i-1], edges[i])}, and bin {@code n} is the overflow {@code [edges[n-1], +inf)}. Missing values
 * (NaN) are counted apart in {@code missing}, so a feature that goes missing more often drifts visibly. Live values
 * must be binned with {@link #binOf} so that both sides of a comparison use the same bins.
 */
public record Histogram(double[] edges, long[] counts, long missing) implements java.io.Serializable {
    public Histogram {
        if (edges == null || edges.length == 0) {
            throw new IllegalArgumentException("edges: at least one bin edge is required");
        }
        if (counts == null || counts.length != edges.length + 1) {
            throw new IllegalArgumentException("counts: " + edges.length + " edges make " + (edges.length + 1)
                    + " bins (underflow and overflow included), so counts needs " + (edges.length + 1)
                    + " entries, not " + (counts == null ? "none" : counts.length));
        }
        edges = edges.clone();
        counts = counts.clone();
        checkEdges(edges);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("counts[" + i + "]: " + counts[i] + " is negative");
            }
        }
        if (missing < 0) {
            throw new IllegalArgumentException("missing: " + missing + " is negative");
        }
    }

    private static void checkEdges(double[] edges) {
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i])) {
                throw new IllegalArgumentException("edges[" + i + "]: " + edges[i] + " is not a finite number");
            }
            if (i > 0 && edges[i] <= edges[i - 1]) {
                throw new IllegalArgumentException("edges[" + i + "]: " + edges[i] + " is not greater than edges["
                        + (i - 1) + "] = " + edges[i - 1] + "; edges must be strictly increasing");
            }
        }
    }

    /** The bin that {@code value} falls in (0 to edges.length), or -1 for NaN, which counts as missing. */
    public int binOf(double value) {
        if (Double.isNaN(value)) {
            return -1;
        }
        // Adding 0.0 turns -0.0 into 0.0: binarySearch orders -0.0 below 0.0, the comparison operators do not.
        int position = Arrays.binarySearch(edges, value + 0.0);
        // An exact edge starts its bin; otherwise the insertion point is the number of edges below the value.
        return position >= 0 ? position + 1 : -position - 1;
    }

    /** Values counted, missing ones included. */
    public long total() {
        long total = missing;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Histogram that && Arrays.equals(edges, that.edges)
                && Arrays.equals(counts, that.counts) && missing == that.missing;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(edges) + Arrays.hashCode(counts)) + Long.hashCode(missing);
    }

    @Override
    public String toString() {
        return "Histogram[edges=" + Arrays.toString(edges) + ", counts=" + Arrays.toString(counts) + ", missing="
                + missing + "]";
    }
}

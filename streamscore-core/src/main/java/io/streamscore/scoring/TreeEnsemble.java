package io.streamscore.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * All trees of a model in flat arrays, walked without a single data-dependent branch. Immutable after construction
 * and safe to share between threads; callers bring their own buffer for encoded rows.
 *
 * <p>Arithmetic follows XGBoost's CPU predictor exactly: the input is narrowed to float, a split sends the row left
 * when {@code value < threshold} and a missing (NaN) value to its default child; the margin starts at the base
 * margin and adds each tree's leaf in float, in tree order.
 *
 * <p>How, and why. A split's direction is a coin flip for the branch predictor, and in the first version a
 * mispredicted branch per level cost about 20 cycles of the 25 a step took. So:
 * <ul>
 *   <li><b>Encoded rows.</b> {@link #encode} writes each row twice as floats: once with missing values as -inf
 *       (which goes left at every split) and once as +inf (which goes right). A split reads the copy matching its
 *       default direction ({@code slot} = feature, or feature + width), so missing values need no test.
 *   <li><b>Sign of the difference.</b> {@code x < t} is the sign bit of {@code x - t}: IEEE subtraction of unequal
 *       floats is never zero, and infinities keep their sign. Encoding turns -0 into +0, where the two would differ.
 *   <li><b>Fixed depth.</b> A leaf is its own left and right child, so a walk takes exactly the tree's depth in
 *       steps; the loop count is the same for every row, and several walks (four trees of one row, or one tree of
 *       four rows) run in lockstep to keep independent loads in flight.
 * </ul>
 * Nodes follow each other tree by tree, breadth first; {@code links[2n]} and {@code links[2n + 1]} are the right
 * and the left child of node {@code n}, so the sign bit indexes them directly.
 */
final class TreeEnsemble {
    private final int[] roots;
    private final int[] depths;
    /** The deepest of each group of four consecutive trees, for {@link #margin}'s lockstep walk. */
    private final int[] groupDepths;
    /** Where a split reads its input in an encoded row (0 for leaves, which ignore it). */
    private final int[] slot;
    /** Threshold of a split, or the value of a leaf. */
    private final float[] value;
    private final int[] links;
    private final float baseMargin;
    private final int featureCount;

    private TreeEnsemble(TreeLayout layout, int[] roots, int[] depths, float baseMargin) {
        this.slot = Arrays.copyOf(layout.slot, layout.size);
        this.value = Arrays.copyOf(layout.value, layout.size);
        this.links = Arrays.copyOf(layout.links, 2 * layout.size);
        this.roots = roots;
        this.depths = depths;
        this.groupDepths = new int[depths.length / 4];
        for (int g = 0; g < groupDepths.length; g++) {
            groupDepths[g] = Math.max(Math.max(depths[4 * g], depths[4 * g + 1]),
                    Math.max(depths[4 * g + 2], depths[4 * g + 3]));
        }
        this.baseMargin = baseMargin;
        this.featureCount = layout.featureCount;
    }

    /**
     * Lays out {@code trees} one after another, breadth first, keeping only nodes reachable from each root.
     *
     * @throws ModelLoadException if a tree refers to a node or feature that does not exist, or is not a tree
     */
    static TreeEnsemble of(List<XGBoostTree> trees, float baseMargin, int featureCount) {
        if (featureCount < 1) {
            throw new ModelLoadException("the model declares " + featureCount + " features; it needs at least one");
        }
        TreeLayout layout = new TreeLayout(trees.stream().mapToInt(XGBoostTree::nodeCount).sum(), featureCount);
        int[] roots = new int[trees.size()];
        int[] depths = new int[trees.size()];
        for (int t = 0; t < roots.length; t++) {
            roots[t] = layout.size;
            depths[t] = layout.append(trees.get(t), t);
        }
        return new TreeEnsemble(layout, roots, depths, baseMargin);
    }

    int treeCount() {
        return roots.length;
    }

    int featureCount() {
        return featureCount;
    }

    /** Floats an encoded row takes. */
    int encodedWidth() {
        return 2 * featureCount;
    }

    /**
     * Writes {@code row} into {@code into[offset .. offset + encodedWidth())} as the walk reads it.
     *
     * @throws IllegalArgumentException if the row has fewer values than the model has features
     */
    void encode(double[] row, float[] into, int offset) {
        if (row.length < featureCount) {
            throw new IllegalArgumentException("row has " + row.length + " values, the model needs " + featureCount);
        }
        for (int f = 0; f < featureCount; f++) {
            float x = (float) row[f] + 0f; // + 0 turns -0 into +0; see the class comment
            boolean missing = x != x;
            into[offset + f] = missing ? Float.NEGATIVE_INFINITY : x;
            into[offset + featureCount + f] = missing ? Float.POSITIVE_INFINITY : x;
        }
    }

    /**
     * The summed margin of the row encoded at {@code offset}, before the objective's transformation. Walks four
     * trees in lockstep (as deep as the deepest of them; the others rest on their leaves), then adds their leaves
     * in tree order.
     */
    float margin(float[] rows, int offset) {
        float sum = baseMargin;
        int t = 0;
        for (; t + 4 <= roots.length; t += 4) {
            int a = roots[t];
            int b = roots[t + 1];
            int c = roots[t + 2];
            int d = roots[t + 3];
            for (int step = groupDepths[t >> 2]; step > 0; step--) {
                a = next(a, rows, offset);
                b = next(b, rows, offset);
                c = next(c, rows, offset);
                d = next(d, rows, offset);
            }
            sum += value[a];
            sum += value[b];
            sum += value[c];
            sum += value[d];
        }
        for (; t < roots.length; t++) {
            sum += value[leaf(roots[t], depths[t], rows, offset)];
        }
        return sum;
    }

    /**
     * The margins of the {@code count} rows encoded one after another in {@code rows}, into {@code out}. Tree by
     * tree, so that a tree stays in cache while the batch walks it, four rows in lockstep. {@code out} holds float
     * values throughout, so each row's sum is the same float sum as {@link #margin}'s.
     */
    void margins(float[] rows, int count, double[] out) {
        int width = encodedWidth();
        Arrays.fill(out, 0, count, baseMargin);
        for (int t = 0; t < roots.length; t++) {
            int root = roots[t];
            int depth = depths[t];
            int r = 0;
            for (; r + 4 <= count; r += 4) {
                int offset = r * width;
                int a = root;
                int b = root;
                int c = root;
                int d = root;
                for (int step = depth; step > 0; step--) {
                    a = next(a, rows, offset);
                    b = next(b, rows, offset + width);
                    c = next(c, rows, offset + 2 * width);
                    d = next(d, rows, offset + 3 * width);
                }
                out[r] = (float) out[r] + value[a];
                out[r + 1] = (float) out[r + 1] + value[b];
                out[r + 2] = (float) out[r + 2] + value[c];
                out[r + 3] = (float) out[r + 3] + value[d];
            }
            for (; r < count; r++) {
                out[r] = (float) out[r] + value[leaf(root, depth, rows, r * width)];
            }
        }
    }

    private int leaf(int root, int depth, float[] rows, int offset) {
        int node = root;
        for (int step = depth; step > 0; step--) {
            node = next(node, rows, offset);
        }
        return node;
    }

    /** One step down: the child of {@code node} the row goes to, left (1) when the difference is negative. */
    private int next(int node, float[] rows, int offset) {
        int left = Float.floatToRawIntBits(rows[offset + slot[node]] - value[node]) >>> 31;
        return links[(node << 1) | left];
    }
}

package io.streamscore.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * All trees of a model in a few flat arrays, laid out for the walk from root to leaf: every node is an index into
 * the same arrays, and a split's two children sit next to each other (right = left + 1), so a step reads four array
 * slots and no object. Immutable after construction and safe to share between threads.
 *
 * <p>Arithmetic follows XGBoost's CPU predictor exactly: the input is narrowed to float, a split sends the row left
 * when {@code value < threshold} and a missing (NaN) value to its default child; the margin starts at the base
 * margin and adds each tree's leaf in float, in tree order.
 */
final class TreeEnsemble {
    private static final int LEAF = -1;

    private final int[] roots;
    /** Split feature of each node, or {@link #LEAF}. */
    private final int[] feature;
    /** Threshold of a split, or the value of a leaf. */
    private final float[] value;
    /** Left child of a split; the right child is the next node. */
    private final int[] leftChild;
    private final boolean[] defaultLeft;
    private final float baseMargin;
    private final int featureCount;

    private TreeEnsemble(int[] roots, int[] feature, float[] value, int[] leftChild, boolean[] defaultLeft,
            float baseMargin, int featureCount) {
        this.roots = roots;
        this.feature = feature;
        this.value = value;
        this.leftChild = leftChild;
        this.defaultLeft = defaultLeft;
        this.baseMargin = baseMargin;
        this.featureCount = featureCount;
    }

    /**
     * Lays out {@code trees} breadth first, keeping only nodes reachable from each root.
     *
     * @throws ModelLoadException if a tree refers to a node or feature that does not exist, or is not a tree
     */
    static TreeEnsemble of(List<XGBoostTree> trees, float baseMargin, int featureCount) {
        int capacity = trees.stream().mapToInt(XGBoostTree::nodeCount).sum();
        TreeLayout layout = new TreeLayout(capacity, featureCount);
        int[] roots = new int[trees.size()];
        for (int t = 0; t < roots.length; t++) {
            roots[t] = layout.append(trees.get(t), t);
        }
        return layout.build(roots, baseMargin);
    }

    int treeCount() {
        return roots.length;
    }

    int featureCount() {
        return featureCount;
    }

    /** The summed margin of one row, before the objective's transformation. */
    float margin(double[] row) {
        requireWidth(row);
        float sum = baseMargin;
        for (int root : roots) {
            sum += leafValue(root, row);
        }
        return sum;
    }

    /**
     * The margins of {@code rows[0 .. count)} into {@code out}, tree by tree so that one tree stays in cache while
     * every row walks it. {@code out} holds float values throughout, so the sum is the same float sum as
     * {@link #margin}.
     */
    void margins(double[][] rows, int count, double[] out) {
        if (count > rows.length || count > out.length) {
            throw new IllegalArgumentException("count " + count + " exceeds rows (" + rows.length + ") or out ("
                    + out.length + ")");
        }
        for (int r = 0; r < count; r++) {
            requireWidth(rows[r]);
            out[r] = baseMargin;
        }
        for (int root : roots) {
            for (int r = 0; r < count; r++) {
                out[r] = (float) out[r] + leafValue(root, rows[r]);
            }
        }
    }

    private float leafValue(int root, double[] row) {
        int node = root;
        int split;
        while ((split = feature[node]) != LEAF) {
            float x = (float) row[split];
            // NaN fails every comparison, so "x < threshold" alone would always send missing values right.
            boolean left = x < value[node] || (x != x && defaultLeft[node]);
            node = left ? leftChild[node] : leftChild[node] + 1;
        }
        return value[node];
    }

    private void requireWidth(double[] row) {
        if (row.length < featureCount) {
            throw new IllegalArgumentException("row has " + row.length + " values, the model needs " + featureCount);
        }
    }

    /** Appends trees to growing flat arrays; used only while loading. */
    private static final class TreeLayout {
        private final int[] feature;
        private final float[] value;
        private final int[] leftChild;
        private final boolean[] defaultLeft;
        private final int featureCount;
        private int size;

        TreeLayout(int capacity, int featureCount) {
            feature = new int[capacity];
            value = new float[capacity];
            leftChild = new int[capacity];
            defaultLeft = new boolean[capacity];
            this.featureCount = featureCount;
        }

        /** Copies the reachable nodes of {@code tree}, breadth first, and returns the index of its root. */
        int append(XGBoostTree tree, int treeIndex) {
            int[] source = new int[tree.nodeCount()];
            boolean[] seen = new boolean[tree.nodeCount()];
            int root = size;
            source[0] = 0;
            seen[0] = true;
            int queued = 1;
            for (int next = 0; next < queued; next++) {
                int from = source[next];
                int to = root + next;
                if (tree.isLeaf(from)) {
                    feature[to] = LEAF;
                    value[to] = tree.splitConditions()[from];
                    continue;
                }
                feature[to] = checkedFeature(tree.splitIndices()[from], treeIndex);
                value[to] = tree.splitConditions()[from];
                defaultLeft[to] = tree.defaultLeft()[from];
                leftChild[to] = root + queued;
                source[queued++] = checkedChild(tree, tree.leftChildren()[from], seen, treeIndex);
                source[queued++] = checkedChild(tree, tree.rightChildren()[from], seen, treeIndex);
            }
            size += queued;
            return root;
        }

        private int checkedFeature(int index, int treeIndex) {
            if (index < 0 || index >= featureCount) {
                throw new ModelLoadException("tree " + treeIndex + " splits on feature " + index + " but the model "
                        + "has " + featureCount + " features, so the tree is corrupt");
            }
            return index;
        }

        private static int checkedChild(XGBoostTree tree, int child, boolean[] seen, int treeIndex) {
            if (child < 0 || child >= tree.nodeCount() || seen[child]) {
                throw new ModelLoadException("tree " + treeIndex + " has a split whose child " + child
                        + " is missing or reached twice, so it is not a tree");
            }
            seen[child] = true;
            return child;
        }

        TreeEnsemble build(int[] roots, float baseMargin) {
            return new TreeEnsemble(roots, Arrays.copyOf(feature, size), Arrays.copyOf(value, size),
                    Arrays.copyOf(leftChild, size), Arrays.copyOf(defaultLeft, size), baseMargin, featureCount);
        }
    }
}

package io.streamscore.scoring;

import java.util.Arrays;

/**
 * Builds {@link TreeEnsemble}'s flat arrays: appends XGBoost trees one after another, each breadth first with only
 * the nodes reachable from its root, and checks on the way that each is a tree over the model's features. Used only
 * while loading.
 */
final class TreeLayout {
    /** Link slots: the walk indexes them by the sign bit of {@code x - threshold}, 1 when x is below. */
    static final int RIGHT = 0;
    static final int LEFT = 1;

    final int[] slot;
    final float[] value;
    final int[] links;
    final int featureCount;
    int size;

    TreeLayout(int capacity, int featureCount) {
        slot = new int[capacity];
        value = new float[capacity];
        links = new int[2 * capacity];
        this.featureCount = featureCount;
    }

    /**
     * Appends {@code tree} and returns its depth (0 for a single leaf).
     *
     * @throws ModelLoadException if the tree refers to a node or feature that does not exist, or is not a tree
     */
    int append(XGBoostTree tree, int treeIndex) {
        int[] source = new int[tree.nodeCount()];
        int[] level = new int[tree.nodeCount()];
        boolean[] seen = new boolean[tree.nodeCount()];
        int root = size;
        seen[0] = true;
        int queued = 1;
        int depth = 0;
        for (int next = 0; next < queued; next++) {
            int from = source[next];
            int to = root + next;
            value[to] = tree.splitConditions()[from];
            if (tree.isLeaf(from)) {
                Arrays.fill(links, 2 * to, 2 * to + 2, to);
                continue;
            }
            if (!Float.isFinite(value[to])) {
                // The walk's sign-bit comparison is exact only against finite thresholds; XGBoost writes no others.
                throw new ModelLoadException("tree " + treeIndex + " splits at threshold " + value[to]
                        + ", which is not a finite number, so the tree is corrupt");
            }
            int feature = checkedFeature(tree.splitIndices()[from], treeIndex);
            slot[to] = tree.defaultLeft()[from] ? feature : featureCount + feature;
            depth = Math.max(depth, level[next] + 1);
            links[2 * to + RIGHT] = root + queued + 1;
            links[2 * to + LEFT] = root + queued;
            level[queued] = level[next] + 1;
            source[queued++] = checkedChild(tree, tree.leftChildren()[from], seen, treeIndex);
            level[queued] = level[next] + 1;
            source[queued++] = checkedChild(tree, tree.rightChildren()[from], seen, treeIndex);
        }
        size += queued;
        return depth;
    }

    private int checkedFeature(int index, int treeIndex) {
        if (index < 0 || index >= featureCount) {
            throw new ModelLoadException("tree " + treeIndex + " splits on feature " + index + " but the model has "
                    + featureCount + " features, so the tree is corrupt");
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
}

package io.streamscore.scoring;

/**
 * One regression tree as XGBoost's JSON stores it: parallel arrays indexed by node id, root at 0, a leaf where
 * {@code leftChildren[i] == -1}, and the leaf value in {@code splitConditions[i]} (XGBoost keeps the threshold and
 * the leaf value in one union). Nodes unreachable from the root (pruned) may be present and are ignored.
 */
record XGBoostTree(int[] leftChildren, int[] rightChildren, int[] splitIndices, float[] splitConditions,
        boolean[] defaultLeft) {
    static final int NO_CHILD = -1;

    XGBoostTree {
        int nodes = leftChildren.length;
        if (nodes == 0 || rightChildren.length != nodes || splitIndices.length != nodes
                || splitConditions.length != nodes || defaultLeft.length != nodes) {
            throw new ModelLoadException("a tree's node arrays are empty or differ in length, so the tree is corrupt");
        }
    }

    int nodeCount() {
        return leftChildren.length;
    }

    boolean isLeaf(int node) {
        return leftChildren[node] == NO_CHILD;
    }
}

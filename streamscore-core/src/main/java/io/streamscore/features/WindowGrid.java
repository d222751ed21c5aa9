package io.streamscore.features;

/**
 * The window arithmetic of one feature, in epoch milliseconds. The window of an answer at time {@code t} is
 * {@code [startTime(t), t]} where {@code startTime(t) = floor((t - window + 1) / tile) * tile}: the exact window
 * {@code (t - window, t]} with its start rounded down to the tile grid. With a 1 ms tile it is exact.
 */
record WindowGrid(long window, long tile) {

    long startTile(long time) {
        return Math.floorDiv(time - window + 1, tile);
    }

    long startTime(long time) {
        return startTile(time) * tile;
    }

    long tileOf(long time) {
        return Math.floorDiv(time, tile);
    }

    /** The earliest time any answer after {@code horizon} can include; older state can go. */
    long frontierTime(long horizon) {
        return startTime(horizon + 1);
    }

    /** The smallest horizon at which an event at {@code time} has left every possible window. */
    long evictionHorizon(long time) {
        return (tileOf(time) + 1) * tile + window - 2;
    }
}

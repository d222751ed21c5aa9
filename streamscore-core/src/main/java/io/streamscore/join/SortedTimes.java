package io.streamscore.join;

/** Search over the time-ordered arrays the join histories keep (ascending, duplicates allowed). */
final class SortedTimes {
    private SortedTimes() {
    }

    /** The number of entries among {@code times[0..size)} with time {@code <= t}. */
    static int upperBound(long[] times, int size, long t) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] <= t) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

package io.streamscore.generate;

import java.util.Arrays;

/**
 * The labels not yet due, ordered by label time: a binary min-heap over two primitive arrays. With the default
 * delays (up to three days) a long run holds millions of pending labels, so each costs 16 bytes and no object: the
 * label time, and the transaction's sequence number with its fraud pattern packed into the low bits. Equal label
 * times come out in transaction order.
 */
final class LabelSchedule {
    private static final int PATTERN_BITS = 3;
    private static final FraudPattern[] PATTERNS = FraudPattern.values();

    private long[] times = new long[1024];
    private long[] payloads = new long[1024];
    private int size;

    void add(long labelTime, long transactionSequence, FraudPattern pattern) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            payloads = Arrays.copyOf(payloads, size * 2);
        }
        long payload = (transactionSequence << PATTERN_BITS) | pattern.ordinal();
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!less(labelTime, payload, times[parent], payloads[parent])) {
                break;
            }
            times[at] = times[parent];
            payloads[at] = payloads[parent];
            at = parent;
        }
        times[at] = labelTime;
        payloads[at] = payload;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Label time of the earliest pending label; Long.MAX_VALUE when none is pending. */
    long nextTime() {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    long nextTransactionSequence() {
        return payloads[0] >>> PATTERN_BITS;
    }

    FraudPattern nextPattern() {
        return PATTERNS[(int) (payloads[0] & ((1 << PATTERN_BITS) - 1))];
    }

    /** Drops the earliest pending label, after the caller has read it. */
    void removeNext() {
        size--;
        long time = times[size];
        long payload = payloads[size];
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(times[child + 1], payloads[child + 1], times[child], payloads[child])) {
                child++;
            }
            if (!less(times[child], payloads[child], time, payload)) {
                break;
            }
            times[at] = times[child];
            payloads[at] = payloads[child];
            at = child;
        }
        times[at] = time;
        payloads[at] = payload;
    }

    private static boolean less(long time, long payload, long otherTime, long otherPayload) {
        return time < otherTime || (time == otherTime && payload < otherPayload);
    }
}

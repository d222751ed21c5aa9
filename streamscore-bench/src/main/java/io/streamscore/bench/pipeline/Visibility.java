package io.streamscore.bench.pipeline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * When each offset of a topic became readable, as a reader learns it: after every poll, each partition's end as the
 * reader's isolation level sees it (under read_committed the last stable offset, the end of the committed
 * transactions; otherwise the high watermark), from the reader's position plus the lag its last fetch reported,
 * with the time it was first seen. An offset is readable from the first observation whose end lies past it.
 *
 * <p>Why not the time the reader returned the record: an exactly-once commit makes a whole checkpoint's output
 * readable at once (tens of thousands of scores), and a reader that shares two cores with the pipeline then takes
 * hundreds of milliseconds to hand them all out; the last of them was not readable later than the first. The end is
 * seen at the latest with the first fetch after the commit, so this time is never earlier than the real one, and
 * later by at most one poll.
 */
final class Visibility {
    private final Map<Integer, Ends> partitions = new HashMap<>();

    /** Records the end each assigned partition has now, at {@code nowMillis}, if the reader knows it. */
    void observe(Consumer<?, ?> reader, long nowMillis) {
        for (TopicPartition partition : reader.assignment()) {
            OptionalLong lag = reader.currentLag(partition);
            if (lag.isPresent()) {
                observe(partition.partition(), reader.position(partition) + lag.getAsLong(), nowMillis);
            }
        }
    }

    /** Records that {@code partition} ended (exclusive) at {@code end} at {@code nowMillis}. */
    void observe(int partition, long end, long nowMillis) {
        partitions.computeIfAbsent(partition, p -> new Ends()).advance(end, nowMillis);
    }

    /**
     * The first time {@code offset} of {@code partition} was seen readable, or {@code fallbackMillis} (e.g. the time
     * the record was read) when no observation covers it yet, or when that is earlier.
     */
    long readableAt(int partition, long offset, long fallbackMillis) {
        Ends ends = partitions.get(partition);
        return ends == null ? fallbackMillis : Math.min(fallbackMillis, ends.firstPast(offset, fallbackMillis));
    }

    /** A partition's ends in increasing order, each with the time it was first seen. */
    private static final class Ends {
        private long[] ends = new long[64];
        private long[] times = new long[64];
        private int size;

        void advance(long end, long nowMillis) {
            if (size > 0 && end <= ends[size - 1]) {
                return;
            }
            if (size == ends.length) {
                ends = Arrays.copyOf(ends, size * 2);
                times = Arrays.copyOf(times, size * 2);
            }
            ends[size] = end;
            times[size] = nowMillis;
            size++;
        }

        /** The time of the first end past {@code offset}, or {@code none}. */
        long firstPast(long offset, long none) {
            int low = 0;
            int high = size;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (ends[middle] > offset) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return low == size ? none : times[low];
        }
    }
}

package io.streamscore.bench.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When the live producer sent each payment (epoch ms), by its position in the input and looked up by event id; the
 * first {@code warmUp} payments warm the job up and are not measured.
 * Everything is allocated before the run (the id index, one array of times), so noting a send during the run
 * creates no object: a map entry per send would survive every young collection of the run and lengthen its pauses,
 * which the run measures (see {@link ScoreSlab}).
 */
final class SendTimes {
    private static final long UNSENT = Long.MIN_VALUE;

    private final Map<String, Integer> indexOf;
    private final AtomicLongArray sentAtMillis;
    private final int warmUp;

    /**
     * @param eventIds the input's event ids, in the order they will be sent
     * @param warmUp how many of the first payments only warm the job up
     */
    SendTimes(String[] eventIds, int warmUp) {
        this.warmUp = warmUp;
        this.indexOf = new HashMap<>(eventIds.length * 2);
        for (int i = 0; i < eventIds.length; i++) {
            indexOf.put(eventIds[i], i);
        }
        this.sentAtMillis = new AtomicLongArray(eventIds.length);
        for (int i = 0; i < eventIds.length; i++) {
            sentAtMillis.set(i, UNSENT);
        }
    }

    /** Notes that the {@code index}th payment is being sent now. */
    void sending(int index) {
        sentAtMillis.set(index, System.currentTimeMillis());
    }

    /** Whether the payment with {@code eventId} is one of the first {@code warmUp} sent. */
    boolean isWarmUp(String eventId) {
        Integer index = indexOf.get(eventId);
        return index != null && index < warmUp;
    }

    /** When the payment with {@code eventId} was sent; null when it is not in the input or was not sent. */
    Long sentAt(String eventId) {
        Integer index = indexOf.get(eventId);
        if (index == null) {
            return null;
        }
        long sent = sentAtMillis.get(index);
        return sent == UNSENT ? null : sent;
    }
}

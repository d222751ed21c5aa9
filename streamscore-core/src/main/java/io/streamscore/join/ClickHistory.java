package io.streamscore.join;

import io.streamscore.spec.ClickMeasure;
import java.util.Arrays;

/**
 * One user's clicks, in event-time order, and the click features as of any time: what a transaction at time
 * {@code t} sees is exactly the clicks with time in {@code (t - window, t]}, whatever order they arrived in. A click
 * arriving out of order is inserted at its place. {@link #pruneBefore} drops clicks no future query can see.
 *
 * <p>A Flink POJO of arrays (no collections, so no Kryo): public fields, public no-arg constructor. Arrays grow by
 * doubling; {@code size} says how much of them is in use.
 */
public class ClickHistory {
    public static final byte VIEW = 1;
    public static final byte FAILED_LOGIN = 2;

    public long[] times = new long[4];
    public byte[] kinds = new byte[4];
    public String[] sessions = new String[4];
    public int size;

    public ClickHistory() {}

    /** Adds a click; {@code kind} is {@link #VIEW}, {@link #FAILED_LOGIN} or 0; {@code session} may be null. */
    public void add(long time, byte kind, String session) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            sessions = Arrays.copyOf(sessions, capacity);
        }
        int at = size;
        while (at > 0 && times[at - 1] > time) { // clicks arrive nearly in order: the shift is short
            at--;
        }
        System.arraycopy(times, at, times, at + 1, size - at);
        System.arraycopy(kinds, at, kinds, at + 1, size - at);
        System.arraycopy(sessions, at, sessions, at + 1, size - at);
        times[at] = time;
        kinds[at] = kind;
        sessions[at] = session;
        size++;
    }

    /** The measure over the clicks with time in {@code (t - windowMs, t]}. */
    public double measure(ClickMeasure measure, long t, long windowMs) {
        int end = upperBound(t); // clicks [0, end) have time <= t
        long from = t - windowMs;
        double count = 0;
        int latest = -1;
        for (int i = end - 1; i >= 0 && times[i] > from; i--) {
            latest = latest < 0 ? i : latest;
            count += switch (measure) {
                case CLICKS -> 1;
                case PAGES_VIEWED -> kinds[i] == VIEW ? 1 : 0;
                case FAILED_LOGINS -> kinds[i] == FAILED_LOGIN ? 1 : 0;
                case SESSION_AGE -> 0;
            };
        }
        return measure == ClickMeasure.SESSION_AGE ? sessionAge(latest, from, t) : count;
    }

    /** Milliseconds from the earliest click in the window of the latest click's session to t; NaN without one. */
    private double sessionAge(int latest, long from, long t) {
        if (latest < 0 || sessions[latest] == null) {
            return Double.NaN;
        }
        long first = times[latest];
        for (int i = latest - 1; i >= 0 && times[i] > from; i--) {
            if (sessions[latest].equals(sessions[i])) {
                first = times[i];
            }
        }
        return t - first;
    }

    /** Drops clicks with time {@code <= horizon}: no query at a time after {@code horizon + window} sees them. */
    public void pruneBefore(long horizon) {
        int drop = upperBound(horizon);
        if (drop == 0) {
            return;
        }
        int keep = size - drop;
        System.arraycopy(times, drop, times, 0, keep);
        System.arraycopy(kinds, drop, kinds, 0, keep);
        System.arraycopy(sessions, drop, sessions, 0, keep);
        Arrays.fill(sessions, keep, size, null);
        size = keep;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The number of clicks with time {@code <= t}. */
    private int upperBound(long t) {
        return SortedTimes.upperBound(times, size, t);
    }
}

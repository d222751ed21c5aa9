package io.streamscore.generate;

import java.util.Comparator;

/**
 * Something that will emit records later in simulated time, such as the rest of a fraud burst or a click session.
 * The generator keeps these in a queue ordered by due time, then by creation order, so equal due times still
 * resolve the same way on every run. Mutable: an activity is re-queued with its next due time until it is done.
 */
abstract sealed class PendingActivity permits FraudBurst, ClickSession {
    static final Comparator<PendingActivity> BY_DUE_TIME =
            Comparator.<PendingActivity>comparingLong(a -> a.due).thenComparingLong(a -> a.order);

    private final long order;
    private long due;

    PendingActivity(long order, long due) {
        this.order = order;
        this.due = due;
    }

    long due() {
        return due;
    }

    void postpone(long nextDue) {
        this.due = nextDue;
    }
}

package io.streamscore.serving.client;

import java.util.function.LongSupplier;

/**
 * Stops calling a server that keeps failing: {@link State#CLOSED} lets every request through and counts consecutive
 * failures; {@code failureThreshold} of them open it; {@link State#OPEN} refuses every request (callers fall back at
 * once instead of waiting on timeouts) for {@code openNanos}; then {@link State#HALF_OPEN} lets one trial request
 * through: its success closes the breaker, its failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {
    /** The breaker's states; {@link #code()} is what the metric shows (0 closed, 1 half-open, 2 open). */
    public enum State {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        private final int code;

        State(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoTime;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialOut;
    private long opened;

    public CircuitBreaker(int failureThreshold, long openNanos, LongSupplier nanoTime) {
        this.failureThreshold = failureThreshold;
        this.openNanos = openNanos;
        this.nanoTime = nanoTime;
    }

    /** Whether a request may go out now; in half-open, only the one trial request may. */
    public synchronized boolean allow() {
        if (state == State.OPEN && nanoTime.getAsLong() - openedAt >= openNanos) {
            state = State.HALF_OPEN;
            trialOut = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialOut) {
                    yield false;
                }
                trialOut = true;
                yield true;
            }
        };
    }

    public synchronized void onSuccess() {
        failures = 0;
        state = State.CLOSED;
        trialOut = false;
    }

    public synchronized void onFailure() {
        failures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && failures >= failureThreshold)) {
            state = State.OPEN;
            openedAt = nanoTime.getAsLong();
            trialOut = false;
            opened++;
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && nanoTime.getAsLong() - openedAt >= openNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** How many times the breaker has opened. */
    public synchronized long timesOpened() {
        return opened;
    }
}

package io.streamscore.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C into an orderly stop: the JVM's shutdown hook only signals, then waits (up to a minute) until the
 * command has closed what it opened (the job, the broker, the run directory), instead of racing it.
 */
final class ShutdownSignal implements AutoCloseable {
    private static final Duration CLEANUP_GRACE = Duration.ofSeconds(60);

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;

    ShutdownSignal() {
        hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                cleanedUp.await(CLEANUP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "streamscore-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits until Ctrl-C, {@link #trigger()}, or the timeout; true if a stop was requested. */
    boolean await(Duration timeout) throws InterruptedException {
        return stopRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void trigger() {
        stopRequested.countDown();
    }

    boolean requested() {
        return stopRequested.getCount() == 0;
    }

    @Override
    public void close() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and has just been released
        }
    }
}

package io.streamscore.serving.client;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log why remote scoring fell back, without a line per batch: the first fallback is logged when it
 * happens, later ones at most once per interval, as how many batches and events fell back since the last line and
 * the latest reason. The metrics count every fallback; this tells an operator why. Thread-safe.
 */
final class FallbackLog {
    static final long INTERVAL_NANOS = 10_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(RemoteBatchScorer.class);

    private final String uri;
    private final LongSupplier nanoClock;
    private final Consumer<String> sink;
    private boolean loggedOnce;
    private long lastLogged;
    private long batches;
    private long events;
    private String reason;

    FallbackLog(String uri) {
        this(uri, System::nanoTime, LOG::warn);
    }

    FallbackLog(String uri, LongSupplier nanoClock, Consumer<String> sink) {
        this.uri = uri;
        this.nanoClock = nanoClock;
        this.sink = sink;
    }

    /** A batch of {@code count} events was answered by the fallback because of {@code why}. */
    void fellBack(int count, String why) {
        String line;
        synchronized (this) {
            batches++;
            events += count;
            reason = why;
            long now = nanoClock.getAsLong();
            if (loggedOnce && now - lastLogged < INTERVAL_NANOS) {
                return;
            }
            line = loggedOnce
                    ? String.format("remote scoring at %s: %d batch(es), %d event(s) scored by the fallback in the "
                            + "last %d s; latest reason: %s", uri, batches, events, (now - lastLogged) / 1_000_000_000L,
                            reason)
                    : String.format("remote scoring at %s: a batch of %d event(s) scored by the fallback: %s; "
                            + "further fallbacks are summed up here at most every %d s", uri, count, reason,
                            INTERVAL_NANOS / 1_000_000_000L);
            loggedOnce = true;
            lastLogged = now;
            batches = 0;
            events = 0;
        }
        sink.accept(line);
    }
}

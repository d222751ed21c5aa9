package io.streamscore.generate;

import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.event.SourceBinding;
import java.util.SplittableRandom;

/**
 * Decides how each transaction reaches the pipeline, the way real transport mangles a stream: most arrive on time,
 * some out of order (a little behind the clock), some too late (far behind everything emitted so far, after the
 * warm-up so a watermark exists by then), some malformed. Then it encodes the transaction into its record.
 *
 * <p>Guarantees, for the tests and the pipeline's lateness settings: an out-of-order record lies 1 ms to
 * {@code outOfOrderMaxDelay} behind the simulated clock, hence never more than that behind any event time emitted
 * before it; a too-late record lies at least {@code tooLateDelay} behind the newest transaction event time emitted
 * before it, and none comes before {@code warmupEvents} transactions.
 */
final class TransactionDelivery {
    /** Too-late records spread over up to a minute further back, so they do not share one timestamp. */
    static final long TOO_LATE_MAX_JITTER_MS = 60_000;

    private final double malformedShare;
    private final double tooLateShare;
    private final double outOfOrderShare;
    private final long outOfOrderMaxDelayMs;
    private final long tooLateDelayMs;
    private final long warmupEvents;
    private final TransactionFactory factory;
    private final EventCodec codec;
    private final MalformedTransactionWriter spoiler;
    private long delivered;
    private long newestEventTime = Long.MIN_VALUE;

    TransactionDelivery(GeneratorConfig config, TransactionFactory factory, EventCodec codec,
                        MalformedTransactionWriter spoiler) {
        this.malformedShare = config.malformedShare();
        this.tooLateShare = config.tooLateShare();
        this.outOfOrderShare = config.outOfOrderShare();
        this.outOfOrderMaxDelayMs = config.outOfOrderMaxDelay().toMillis();
        this.tooLateDelayMs = config.tooLateDelay().toMillis();
        this.warmupEvents = config.warmupEvents();
        this.factory = factory;
        this.codec = codec;
        this.spoiler = spoiler;
    }

    /** The record that carries a transaction created at {@code now}; may move its event time into the past. */
    GeneratedRecord deliver(Event transaction, FraudPattern pattern, long now, SplittableRandom random) {
        delivered++;
        boolean fraud = pattern != FraudPattern.NONE;
        double u = random.nextDouble();
        if (u < malformedShare) {
            var malformed = spoiler.spoil(transaction, codec.encode(transaction), random);
            return new GeneratedRecord(GeneratedStream.TRANSACTIONS, malformed.key(), malformed.value(),
                    transaction.eventTime, RecordKind.MALFORMED, malformed.reason(), transaction.eventId, fraud,
                    pattern);
        }
        RecordKind kind = RecordKind.VALID;
        if (u < malformedShare + tooLateShare) {
            kind = tooLate(transaction, random) ? RecordKind.TOO_LATE : RecordKind.VALID;
        } else if (u < malformedShare + tooLateShare + outOfOrderShare) {
            factory.retime(transaction, now - random.nextLong(1, outOfOrderMaxDelayMs + 1));
            kind = RecordKind.OUT_OF_ORDER;
        }
        newestEventTime = Math.max(newestEventTime, transaction.eventTime);
        return new GeneratedRecord(GeneratedStream.TRANSACTIONS, transaction.key, codec.encode(transaction),
                transaction.eventTime, kind, null, transaction.eventId, fraud, pattern);
    }

    /** Moves the transaction far behind the newest event time, unless still warming up (then it stays valid). */
    private boolean tooLate(Event transaction, SplittableRandom random) {
        if (delivered <= warmupEvents || newestEventTime == Long.MIN_VALUE) {
            return false;
        }
        long jitter = random.nextLong(Math.min(TOO_LATE_MAX_JITTER_MS, tooLateDelayMs) + 1);
        long time = newestEventTime - tooLateDelayMs - jitter;
        if (time < SourceBinding.MIN_EVENT_TIME) {
            return false; // would be rejected as an invalid event time, not routed as late
        }
        factory.retime(transaction, time);
        return true;
    }
}

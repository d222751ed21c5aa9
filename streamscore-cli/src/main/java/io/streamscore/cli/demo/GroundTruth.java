package io.streamscore.cli.demo;

import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the generator knows and the pipeline does not: which payments of this run are fraud. Wraps the generator's
 * records and notes every fraudulent payment's event id as it is handed on (so before it is sent), for the
 * {@link OutputMonitor} to check decisions against. Only fraud ids are kept (a fraction of a percent of payments),
 * and each is forgotten once its decision has been counted.
 */
public final class GroundTruth implements Iterator<GeneratedRecord> {
    private final Iterator<GeneratedRecord> records;
    private final long startMillis;
    private final Set<String> fraudIds = ConcurrentHashMap.newKeySet();

    /** @param startMillis wall-clock start of this run: results the pipeline read earlier are another run's */
    public GroundTruth(Iterator<GeneratedRecord> records, long startMillis) {
        this.records = records;
        this.startMillis = startMillis;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public GeneratedRecord next() {
        GeneratedRecord record = records.next();
        if (record.stream() == GeneratedStream.TRANSACTIONS && record.fraud()) {
            fraudIds.add(record.eventId());
        }
        return record;
    }

    /** Whether a result the pipeline read at {@code ingestTime} belongs to this run. */
    boolean ofThisRun(long ingestTime) {
        return ingestTime >= startMillis;
    }

    /** Whether the payment was fraud; forgets it, as each payment is decided once. */
    boolean takeFraud(String eventId) {
        return fraudIds.remove(eventId);
    }
}

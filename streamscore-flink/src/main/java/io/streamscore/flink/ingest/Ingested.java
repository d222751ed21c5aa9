package io.streamscore.flink.ingest;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.Event;

/**
 * What a source yields for one Kafka record: either a decoded {@link Event} or a {@link DeadLetter}, never both.
 * Decoding happens inside the source so that watermarks are generated per Kafka partition (per split) from real
 * event times; the {@link DeadLetterRouter} right after the source splits the two. A Flink POJO.
 */
public class Ingested {
    public Event event;
    public DeadLetter deadLetter;

    public Ingested() {}

    public static Ingested of(Event event) {
        Ingested ingested = new Ingested();
        ingested.event = event;
        return ingested;
    }

    public static Ingested of(DeadLetter deadLetter) {
        Ingested ingested = new Ingested();
        ingested.deadLetter = deadLetter;
        return ingested;
    }

    public boolean isEvent() {
        return event != null;
    }
}

package io.streamscore.flink.sink;

import io.streamscore.event.DeadLetter;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Writes a dead letter as the original key and value bytes, untouched, with the diagnosis in headers (the
 * convention of Kafka Connect's dead-letter queues): {@code streamscore.reason} (a {@code DeadLetterReason} code),
 * {@code streamscore.detail}, {@code streamscore.source}, {@code streamscore.topic}, {@code streamscore.partition},
 * {@code streamscore.offset}, {@code streamscore.ingest_time}. A fixed record can be replayed as it is.
 */
public final class DeadLetterEncoder implements MapFunction<DeadLetter, OutputRecord> {
    public static final String REASON = "streamscore.reason";
    public static final String DETAIL = "streamscore.detail";
    public static final String SOURCE = "streamscore.source";
    public static final String TOPIC = "streamscore.topic";
    public static final String PARTITION = "streamscore.partition";
    public static final String OFFSET = "streamscore.offset";
    public static final String INGEST_TIME = "streamscore.ingest_time";

    private final String topic;

    public DeadLetterEncoder(String topic) {
        this.topic = topic;
    }

    @Override
    public OutputRecord map(DeadLetter dead) {
        String[] headers = {
            REASON, dead.reason.code(),
            DETAIL, dead.detail,
            SOURCE, dead.source,
            TOPIC, dead.topic,
            PARTITION, Integer.toString(dead.partition),
            OFFSET, Long.toString(dead.offset),
            INGEST_TIME, Long.toString(dead.ingestTime),
        };
        return new OutputRecord(topic, dead.key, dead.payload, System.currentTimeMillis(), headers);
    }
}

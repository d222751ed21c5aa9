package io.streamscore.flink.sink;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.DeadLetterReason;
import java.util.Arrays;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Writes a dead letter as the original key and value bytes, untouched, with the diagnosis in headers (the
 * convention of Kafka Connect's dead-letter queues): {@code streamscore.reason} (a {@code DeadLetterReason} code),
 * {@code streamscore.detail}, {@code streamscore.source}, {@code streamscore.topic}, {@code streamscore.partition},
 * {@code streamscore.offset}, {@code streamscore.ingest_time}. A fixed record can be replayed as it is.
 *
 * <p>One exception: of a record refused as larger than {@code max_record_bytes} only the first
 * {@value #TOO_LARGE_PAYLOAD_KEPT} bytes are kept, with its size in {@code streamscore.original_bytes}. Such a record
 * has no size bound (a compressing producer gets megabytes past the broker's limit, which applies to the compressed
 * batch); written whole, its dead letter exceeded the job's own producer limit ({@code max.request.size}, 1 MiB by
 * default), which failed the job, and the replay after the restart failed it again, forever. The whole record
 * stays in its topic, at the partition and offset the headers give.
 */
public final class DeadLetterEncoder implements MapFunction<DeadLetter, OutputRecord> {
    public static final String REASON = "streamscore.reason";
    public static final String DETAIL = "streamscore.detail";
    public static final String SOURCE = "streamscore.source";
    public static final String TOPIC = "streamscore.topic";
    public static final String PARTITION = "streamscore.partition";
    public static final String OFFSET = "streamscore.offset";
    public static final String INGEST_TIME = "streamscore.ingest_time";
    /** The size of a record whose dead letter holds only its first bytes. */
    public static final String ORIGINAL_BYTES = "streamscore.original_bytes";
    /** Bytes kept of a record larger than {@code max_record_bytes}: far below Kafka's default 1 MB limits. */
    public static final int TOO_LARGE_PAYLOAD_KEPT = 64 * 1024;

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
        byte[] payload = dead.payload;
        if (dead.reason == DeadLetterReason.RECORD_TOO_LARGE && payload != null
                && payload.length > TOO_LARGE_PAYLOAD_KEPT) {
            headers = Arrays.copyOf(headers, headers.length + 2);
            headers[headers.length - 2] = ORIGINAL_BYTES;
            headers[headers.length - 1] = Integer.toString(payload.length);
            payload = Arrays.copyOf(payload, TOO_LARGE_PAYLOAD_KEPT);
        }
        return new OutputRecord(topic, dead.key, payload, System.currentTimeMillis(), headers);
    }
}

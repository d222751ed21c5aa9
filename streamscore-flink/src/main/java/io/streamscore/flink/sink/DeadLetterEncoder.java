package io.streamscore.flink.sink;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.DeadLetterReason;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

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
 * stays in its topic, at the partition and offset the headers give. Any other dead letter that would exceed that
 * limit ({@link OutputSizeLimit}: a record within a {@code max_record_bytes} above it, a huge Kafka key, a detail
 * naming a huge unknown field) is cut the same way: value and key to their first {@value #TOO_LARGE_PAYLOAD_KEPT}
 * bytes, the detail to its first {@value #DETAIL_KEPT} characters. The limit is the one the job was built with, read
 * again from the brokers when the task restarts after a failure ({@link OutputLimitSource}).
 */
public final class DeadLetterEncoder extends RichMapFunction<DeadLetter, OutputRecord> {
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
    /** Characters kept of the detail of a dead letter that would not fit whole. */
    public static final int DETAIL_KEPT = 1024;

    private final String topic;
    private final OutputLimitSource limits;
    /** The limit the job was built with, until {@link #open} asks {@code limits} for this attempt's. */
    private OutputSizeLimit limit;

    public DeadLetterEncoder(OutputLimitSource limits) {
        this.limits = limits;
        this.limit = limits.built();
        this.topic = limit.deadLetterTopic();
    }

    @Override
    public void open(OpenContext openContext) {
        limit = limits.forAttempt(getRuntimeContext().getTaskInfo().getAttemptNumber());
    }

    @Override
    public OutputRecord map(DeadLetter dead) {
        String[] headers = headers(dead, dead.detail);
        byte[] payload = dead.payload;
        boolean tooLargeInput = dead.reason == DeadLetterReason.RECORD_TOO_LARGE && payload != null
                && payload.length > TOO_LARGE_PAYLOAD_KEPT;
        if (!tooLargeInput && limit.fits(dead.key, payload, headers)) {
            return new OutputRecord(topic, dead.key, payload, System.currentTimeMillis(), headers);
        }
        String detail = dead.detail == null || dead.detail.length() <= DETAIL_KEPT
                ? dead.detail : dead.detail.substring(0, DETAIL_KEPT);
        headers = Arrays.copyOf(headers(dead, detail), headers.length + 2);
        headers[headers.length - 2] = ORIGINAL_BYTES;
        headers[headers.length - 1] = Integer.toString(payload == null ? 0 : payload.length);
        return new OutputRecord(topic, OutputSizeLimit.keptBytes(dead.key), OutputSizeLimit.keptBytes(payload),
                System.currentTimeMillis(), headers);
    }

    private static String[] headers(DeadLetter dead, String detail) {
        return new String[] {
            REASON, dead.reason.code(),
            DETAIL, detail,
            SOURCE, dead.source,
            TOPIC, dead.topic,
            PARTITION, Integer.toString(dead.partition),
            OFFSET, Long.toString(dead.offset),
            INGEST_TIME, Long.toString(dead.ingestTime),
        };
    }
}

package io.streamscore.flink.sink;

import io.streamscore.event.DeadLetterReason;
import io.streamscore.spec.KafkaSpec;
import io.streamscore.spec.PipelineSpec;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The largest record the job's Kafka producers send, and what becomes of an output larger than that.
 *
 * <p>The producer refuses a record whose estimated size exceeds {@code max.request.size} (1 MiB by default) or
 * {@code buffer.memory} ({@code RecordTooLargeException}). The sink then fails the job, which restarts from its last
 * checkpoint, replays the same input, makes the same record and fails again, forever. Outputs that copy user data
 * (a late event written whole as JSON, where a control character of an Avro string becomes a six-byte
 * &#92;u0000 escape) can get there from input within {@code max_record_bytes}. Such an output goes instead to
 * the dead-letter topic as {@code output_too_large}: the first {@value DeadLetterEncoder#TOO_LARGE_PAYLOAD_KEPT} bytes
 * of the encoded record, its size, the topic it was meant for and the limit. The job goes on, and the record is
 * accounted for, not lost silently.
 *
 * <p>The check is one comparison of lengths the encoder already has: no copy, no allocation on the scoring path.
 * The size is Kafka's own upper bound (key, value, headers and the batch's and record's fixed overhead), so a
 * record this class lets through is one the producer accepts.
 *
 * <p>The broker has a limit too: the topic's {@code max.message.bytes} (its broker's {@code message.max.bytes} unless
 * set), which applies to the record batch and so to one record the same way. A topic whose limit is below the
 * producer's would refuse a record the producer sends, with the same endless restarts, so the limit of an output
 * topic is the smaller of the two ({@link #of(PipelineSpec, String, Map)}), read from the brokers when the job is
 * built ({@code BrokerTopicLimits}) and again when a task restarts after a failure ({@link OutputLimitSource}): a
 * limit lowered while the job runs costs one failure and restart. {@code limitName} says which one it is, for the
 * dead letter's detail.
 */
public record OutputSizeLimit(int maxRecordBytes, String deadLetterTopic, String limitName) implements Serializable {
    /** Kafka's default {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1 << 20;
    /** Kafka's default {@code buffer.memory}. */
    public static final long DEFAULT_BUFFER_MEMORY = 32L << 20;
    /** The name of the topic the oversized record was meant for. */
    public static final String OUTPUT_TOPIC = "streamscore.output_topic";
    /**
     * Kafka's upper bound of a record batch's and one record's fixed overhead (61 and 21 bytes) and the varint
     * lengths of key, value and header count (5 each), rounded up.
     */
    static final int RECORD_OVERHEAD_BYTES = 128;
    /** Room for a dead letter's kept key and value and its headers; the spec refuses smaller limits. */
    static final int MIN_RECORD_BYTES = KafkaSpec.MIN_PRODUCER_RECORD_BYTES;
    /** The varint lengths of one header's name and value. */
    static final int HEADER_OVERHEAD_BYTES = 10;

    /** What the limit is called when it is the producer's. */
    static final String PRODUCER_LIMIT = "kafka.properties max.request.size";

    public OutputSizeLimit {
        if (maxRecordBytes < MIN_RECORD_BYTES) {
            throw new IllegalArgumentException(limitName + " (or buffer.memory) " + maxRecordBytes
                    + " is too small: a dead letter keeps up to " + DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT
                    + " bytes of a record and of its key; set it to at least " + MIN_RECORD_BYTES);
        }
    }

    /** The producer's limit {@code maxRecordBytes}, dead letters to {@code deadLetterTopic}. */
    public OutputSizeLimit(int maxRecordBytes, String deadLetterTopic) {
        this(maxRecordBytes, deadLetterTopic, PRODUCER_LIMIT);
    }

    /** The limit of the producers the spec configures ({@code kafka.properties}), dead letters to its topic. */
    public static OutputSizeLimit of(PipelineSpec spec) {
        return new OutputSizeLimit(producerLimit(spec.kafka().properties()), spec.outputs().deadLetterTopic());
    }

    /**
     * The limit of records to {@code topic}: the producer's, or the topic's {@code max.message.bytes} where the
     * brokers reported a smaller one ({@code maxMessageBytes}, by topic; a topic not in it has the producer's).
     *
     * @throws IllegalArgumentException when the topic's limit is too small for a dead letter ({@link #topicProblem})
     */
    public static OutputSizeLimit of(PipelineSpec spec, String topic, Map<String, Integer> maxMessageBytes) {
        return of(spec).forTopic(topic, maxMessageBytes.get(topic));
    }

    /**
     * The limit of records to {@code topic}, this being the producer's: this one, or the topic's
     * {@code maxMessageBytes} where smaller (null: not known, this one).
     *
     * @throws IllegalArgumentException when the topic's limit is too small for a dead letter ({@link #topicProblem})
     */
    public OutputSizeLimit forTopic(String topic, Integer maxMessageBytes) {
        if (maxMessageBytes == null || maxMessageBytes >= maxRecordBytes) {
            return this;
        }
        topicProblem(topic, maxMessageBytes).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new OutputSizeLimit(maxMessageBytes, deadLetterTopic, "max.message.bytes of topic '" + topic + "'");
    }

    /**
     * Why an output topic whose {@code max.message.bytes} is {@code maxMessageBytes} cannot take the job's records,
     * with the fix; empty when it can. Below {@value KafkaSpec#MIN_PRODUCER_RECORD_BYTES} bytes even the trimmed dead
     * letter of an oversized record might be refused, and the job would fail on it forever.
     */
    public static Optional<String> topicProblem(String topic, int maxMessageBytes) {
        if (maxMessageBytes >= MIN_RECORD_BYTES) {
            return Optional.empty();
        }
        return Optional.of("topic '" + topic + "' has max.message.bytes " + maxMessageBytes
                + " on the broker, below the " + MIN_RECORD_BYTES + " bytes an output or the dead letter of one too"
                + " large may take; raise it "
                + "(kafka-configs.sh --bootstrap-server HOST:PORT --alter --entity-type topics --entity-name " + topic
                + " --add-config max.message.bytes=" + DEFAULT_MAX_REQUEST_SIZE + ")");
    }

    /** The smaller of {@code max.request.size} and {@code buffer.memory}, Kafka's defaults where not set. */
    static int producerLimit(Map<String, String> producerProperties) {
        long maxRequestSize = number(producerProperties, ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                DEFAULT_MAX_REQUEST_SIZE);
        long bufferMemory = number(producerProperties, ProducerConfig.BUFFER_MEMORY_CONFIG, DEFAULT_BUFFER_MEMORY);
        return (int) Math.min(Integer.MAX_VALUE, Math.min(maxRequestSize, bufferMemory));
    }

    private static long number(Map<String, String> properties, String name, long defaultValue) {
        String value = properties.get(name);
        try {
            return value == null ? defaultValue : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kafka.properties " + name + " is not a number: " + value, e);
        }
    }

    /**
     * Whether the producer sends a record of this key, value and headers. A header's bytes are bounded by three per
     * character (UTF-8), so headers need no encoding here.
     */
    public boolean fits(byte[] key, byte[] value, String[] headers) {
        long size = RECORD_OVERHEAD_BYTES + length(key) + length(value);
        if (headers != null) {
            for (String header : headers) {
                size += HEADER_OVERHEAD_BYTES / 2 + (header == null ? 0 : 3L * header.length());
            }
        }
        return size <= maxRecordBytes;
    }

    /**
     * The dead letter of {@code oversized}: its key, the first {@value DeadLetterEncoder#TOO_LARGE_PAYLOAD_KEPT}
     * bytes of its value, and headers naming the reason, the output topic, the size and this limit.
     *
     * @param source the source of the event the record was made of; null when there is none (drift alerts)
     */
    public OutputRecord deadLetter(OutputRecord oversized, String source) {
        int size = length(oversized.key) + length(oversized.value);
        String detail = "the " + oversized.topic + " record of " + size + " bytes exceeds the Kafka limit"
                + " of " + maxRecordBytes + " bytes (" + limitName + "); its first "
                + DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT + " bytes are kept";
        String[] headers = {
            DeadLetterEncoder.REASON, DeadLetterReason.OUTPUT_TOO_LARGE.code(),
            DeadLetterEncoder.DETAIL, detail,
            DeadLetterEncoder.SOURCE, source,
            OUTPUT_TOPIC, oversized.topic,
            DeadLetterEncoder.ORIGINAL_BYTES, Integer.toString(length(oversized.value)),
        };
        return new OutputRecord(deadLetterTopic, keptBytes(oversized.key), keptBytes(oversized.value),
                oversized.timestamp, headers);
    }

    /** The first {@value DeadLetterEncoder#TOO_LARGE_PAYLOAD_KEPT} bytes of {@code bytes} (null stays null). */
    static byte[] keptBytes(byte[] bytes) {
        return bytes == null || bytes.length <= DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT
                ? bytes : Arrays.copyOf(bytes, DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}

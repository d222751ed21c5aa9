package io.streamscore.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.DeadLetterReason;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer's record limit as the job reads it, the smaller topic limit where the broker has one, measured as Kafka
 * measures, and dead letters kept under it.
 */
class OutputSizeLimitTest {
    private static final int LIMIT = 1 << 20;
    private static final OutputSizeLimit DEFAULT = new OutputSizeLimit(LIMIT, "dead");

    @Test
    void theLimitIsTheProducersOwnWithKafkasDefaultsWhereNotSet() {
        Map<String, Object> kafkaDefaults = ProducerConfig.configDef().defaultValues();
        assertThat((long) OutputSizeLimit.DEFAULT_MAX_REQUEST_SIZE)
                .isEqualTo(((Number) kafkaDefaults.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)).longValue());
        assertThat(OutputSizeLimit.DEFAULT_BUFFER_MEMORY)
                .isEqualTo(((Number) kafkaDefaults.get(ProducerConfig.BUFFER_MEMORY_CONFIG)).longValue());

        assertThat(OutputSizeLimit.producerLimit(Map.of())).isEqualTo(LIMIT);
        assertThat(OutputSizeLimit.producerLimit(Map.of("max.request.size", "5000000"))).isEqualTo(5_000_000);
        // the producer also refuses a record larger than its whole buffer
        assertThat(OutputSizeLimit.producerLimit(Map.of("max.request.size", "5000000", "buffer.memory", "400000")))
                .isEqualTo(400_000);
    }

    @Test
    void aLimitTooSmallForADeadLetterOrNotANumberIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new OutputSizeLimit(100_000, "dead"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max.request.size");
        assertThatThrownBy(() -> OutputSizeLimit.producerLimit(Map.of("max.request.size", "1MB")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max.request.size");
    }

    @Test
    void aTopicsLimitIsTheSmallerOfTheProducersAndItsMaxMessageBytes(@TempDir Path dir) {
        PipelineSpec spec = spec(dir, "{max.request.size: \"10485760\"}");
        Map<String, Integer> maxMessageBytes = Map.of("late", 300_000, "dead", 20 << 20);

        OutputSizeLimit late = OutputSizeLimit.of(spec, "late", maxMessageBytes);
        OutputSizeLimit dead = OutputSizeLimit.of(spec, "dead", maxMessageBytes);
        OutputSizeLimit unknown = OutputSizeLimit.of(spec, "scores", maxMessageBytes);

        assertThat(late.maxRecordBytes()).isEqualTo(300_000);
        assertThat(late.limitName()).isEqualTo("max.message.bytes of topic 'late'");
        assertThat(late.deadLetterTopic()).isEqualTo("dead");
        assertThat(dead.maxRecordBytes()).isEqualTo(10 << 20);
        assertThat(dead.limitName()).contains("max.request.size");
        assertThat(unknown).isEqualTo(OutputSizeLimit.of(spec));
        // with Kafka's default producer, a topic allowing more changes nothing
        assertThat(OutputSizeLimit.of(spec(dir, "{}"), "dead", maxMessageBytes).maxRecordBytes()).isEqualTo(LIMIT);
        assertThat(late.fits(null, new byte[300_000 - OutputSizeLimit.RECORD_OVERHEAD_BYTES], null)).isTrue();
        assertThat(late.fits(null, new byte[300_001 - OutputSizeLimit.RECORD_OVERHEAD_BYTES], null)).isFalse();
        assertThat(late.deadLetter(new OutputRecord("late", null, new byte[400_000], 1L, null), "payments"))
                .satisfies(letter -> assertThat(header(letter, DeadLetterEncoder.DETAIL))
                        .contains("limit of 300000 bytes (max.message.bytes of topic 'late')"));
    }

    @Test
    void aTopicLimitTooSmallForADeadLetterIsRefusedNamingTheTopicAndTheFix(@TempDir Path dir) {
        int minimum = OutputSizeLimit.MIN_RECORD_BYTES;
        assertThat(OutputSizeLimit.topicProblem("late", minimum)).isEmpty();
        assertThat(OutputSizeLimit.topicProblem("late", minimum - 1)).hasValueSatisfying(problem ->
                assertThat(problem).contains("topic 'late'", "max.message.bytes " + (minimum - 1),
                        "--alter --entity-type topics --entity-name late --add-config max.message.bytes="));
        assertThatThrownBy(() -> OutputSizeLimit.of(spec(dir, "{}"), "late", Map.of("late", 100_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic 'late' has max.message.bytes 100000");
    }

    @Test
    void aRecordThatFitsIsOneKafkasOwnEstimateLetsThroughAndOneByteMoreDoesNot() {
        byte[] key = new byte[4096];
        String[] headers = {"streamscore.reason", "invalid_json", "streamscore.detail", "field 'x' \u00e9"};
        int headerBound = 0;
        for (String header : headers) {
            headerBound += OutputSizeLimit.HEADER_OVERHEAD_BYTES / 2 + 3 * header.length();
        }
        byte[] value = new byte[LIMIT - OutputSizeLimit.RECORD_OVERHEAD_BYTES - key.length - headerBound];

        assertThat(DEFAULT.fits(key, value, headers)).isTrue();
        assertThat(kafkaEstimate(key, value, headers)).isLessThanOrEqualTo(LIMIT);
        assertThat(DEFAULT.fits(key, new byte[value.length + 1], headers)).isFalse();
        assertThat(DEFAULT.fits(null, new byte[LIMIT - OutputSizeLimit.RECORD_OVERHEAD_BYTES], null)).isTrue();
        assertThat(kafkaEstimate(null, new byte[LIMIT - OutputSizeLimit.RECORD_OVERHEAD_BYTES], null))
                .isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void anOversizedOutputBecomesADeadLetterNamingItsTopicSizeAndLimitWithItsFirstBytes() {
        byte[] value = new byte[3 << 20];
        value[0] = '{';
        OutputRecord late = new OutputRecord("late", bytes("u1"), value, 42L, null);

        OutputRecord dead = DEFAULT.deadLetter(late, "payments");

        assertThat(dead.topic).isEqualTo("dead");
        assertThat(dead.key).isEqualTo(bytes("u1"));
        assertThat(dead.value).hasSize(DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT).startsWith((byte) '{');
        assertThat(dead.timestamp).isEqualTo(42L);
        assertThat(header(dead, DeadLetterEncoder.REASON)).isEqualTo("output_too_large");
        assertThat(header(dead, OutputSizeLimit.OUTPUT_TOPIC)).isEqualTo("late");
        assertThat(header(dead, DeadLetterEncoder.SOURCE)).isEqualTo("payments");
        assertThat(header(dead, DeadLetterEncoder.ORIGINAL_BYTES)).isEqualTo(Integer.toString(3 << 20));
        assertThat(header(dead, DeadLetterEncoder.DETAIL)).contains("late record of " + ((3 << 20) + 2) + " bytes",
                "limit of " + LIMIT + " bytes", "max.request.size");
        assertThat(DEFAULT.fits(dead.key, dead.value, dead.headers)).isTrue();
    }

    @Test
    void aDeadLetterThatWouldExceedTheLimitKeepsItsFirstBytesAndASmallOneStaysWhole(@TempDir Path dir) {
        DeadLetterEncoder encoder = new DeadLetterEncoder(OutputLimitSource.of(spec(dir, "{}"), "dead",
                TopicLimits.NONE));
        // within a max_record_bytes of 16 MiB, with a 300 KB unknown field name in its detail and a 200 KB Kafka key
        DeadLetter big = new DeadLetter("payments", "payments", 3, 77L, new byte[200_000], new byte[2 << 20],
                DeadLetterReason.UNKNOWN_FIELD, "field '" + "f".repeat(300_000) + "' is not in schema", 5L);
        DeadLetter small = new DeadLetter("payments", "payments", 3, 78L, bytes("k"), bytes("{\"a\":1}"),
                DeadLetterReason.UNKNOWN_FIELD, "field 'a' is not in schema", 5L);

        OutputRecord cut = encoder.map(big);
        OutputRecord whole = encoder.map(small);

        assertThat(DEFAULT.fits(cut.key, cut.value, cut.headers)).isTrue();
        assertThat(cut.value).hasSize(DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT);
        assertThat(cut.key).hasSize(DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT);
        assertThat(header(cut, DeadLetterEncoder.ORIGINAL_BYTES)).isEqualTo(Integer.toString(2 << 20));
        assertThat(header(cut, DeadLetterEncoder.DETAIL)).hasSize(DeadLetterEncoder.DETAIL_KEPT).startsWith("field 'f");
        assertThat(header(cut, DeadLetterEncoder.OFFSET)).isEqualTo("77");
        assertThat(whole.value).isEqualTo(small.payload);
        assertThat(whole.key).isEqualTo(small.key);
        assertThat(header(whole, DeadLetterEncoder.ORIGINAL_BYTES)).isNull();
    }

    static PipelineSpec spec(Path dir, String producerProperties) {
        return SpecLoader.parse("""
                name: limits
                kafka: {bootstrap: "127.0.0.1:9092", properties: %s}
                sources:
                  payments: {topic: payments, schema: transaction, format: json, key: user_id, event_time: event_time}
                outputs: {scores_topic: scores, alerts_topic: alerts, late_topic: late, dead_letter_topic: dead}
                """.formatted(producerProperties), dir);
    }

    private static int kafkaEstimate(byte[] key, byte[] value, String[] headers) {
        Header[] kafkaHeaders = new Header[headers == null ? 0 : headers.length / 2];
        for (int i = 0; i < kafkaHeaders.length; i++) {
            kafkaHeaders[i] = new RecordHeader(headers[2 * i], bytes(headers[2 * i + 1]));
        }
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key, value, kafkaHeaders);
    }

    static String header(OutputRecord record, String name) {
        for (int i = 0; i + 1 < record.headers.length; i += 2) {
            if (record.headers[i].equals(name)) {
                return record.headers[i + 1];
            }
        }
        return null;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

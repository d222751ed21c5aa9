package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.sink.DeadLetterEncoder;
import io.streamscore.spec.OutputsSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A record far larger than {@code max_record_bytes} (and than Kafka's default 1 MiB request size), which a producer
 * with compression gets past the broker's default limit: it is dead-lettered as {@code record_too_large}, with its
 * first bytes and its size, and the job keeps scoring. Before, its dead letter carried the whole record, which the
 * job's own producer refused ({@code RecordTooLargeException}), so the job failed, replayed it, and failed again.
 */
class OversizedRecordITCase extends PipelineTestBase {
    private static final int HUGE = 3 << 20;

    @Test
    void aRecordFarAboveMaxRecordBytesIsDeadLetteredWithItsHeadAndTheJobKeepsScoring() throws Exception {
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), 1_000);
        try (LocalRuntime runtime = LocalRuntime.start(spec("json"), LocalRuntime.Options.defaults())) {
            produceCompressed(runtime.bootstrapServers(), HUGE);
            input.produce(runtime.bootstrapServers(), "transactions");
            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                reader.readUntil(Map.of(outputs.scoresTopic(), input.expectedScoredIds().size(),
                        outputs.deadLetterTopic(), input.malformed().size() + 1), Duration.ofSeconds(60));

                ConsumerRecord<byte[], byte[]> huge = reader.records(outputs.deadLetterTopic()).stream()
                        .filter(record -> "record_too_large".equals(header(record, DeadLetterEncoder.REASON)))
                        .findFirst().orElseThrow();
                assertThat(new String(huge.key(), StandardCharsets.UTF_8)).isEqualTo("huge");
                assertThat(huge.value()).hasSize(DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT)
                        .containsOnly((byte) 'x');
                assertThat(header(huge, DeadLetterEncoder.ORIGINAL_BYTES)).isEqualTo(Integer.toString(HUGE));
                assertThat(eventIds(reader.records(outputs.scoresTopic())))
                        .containsExactlyInAnyOrderElementsOf(input.expectedScoredIds());
            }
        }
    }

    /** A record of {@code bytes} 'x's, gzip-compressed by a producer that allows requests that large. */
    private static void produceCompressed(String bootstrap, int bytes) throws Exception {
        byte[] value = new byte[bytes];
        Arrays.fill(value, (byte) 'x');
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * bytes);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("transactions", "huge".getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }
}

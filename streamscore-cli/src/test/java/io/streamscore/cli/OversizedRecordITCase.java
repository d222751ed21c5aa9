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
 * Records that would make an output larger than the job's producer may send ({@code max.request.size}, 1 MiB by
 * default), which a producer with compression gets past the broker's default limit: the job failed on them
 * ({@code RecordTooLargeException}), replayed them after the restart and failed again, without end. A record far
 * larger than {@code max_record_bytes} is dead-lettered as {@code record_too_large} with its first bytes and its
 * size (its dead letter carried the whole record); a payment whose key is 700 KB is dead-lettered as
 * {@code id_or_key_too_long} (its score carried the key twice, as Kafka key and in the value). The job keeps scoring.
 */
class OversizedRecordITCase extends PipelineTestBase {
    private static final int HUGE = 3 << 20;

    @Test
    void recordsThatWouldMakeOutputsTooLargeAreDeadLetteredAndTheJobKeepsScoring() throws Exception {
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), 1_000);
        try (LocalRuntime runtime = LocalRuntime.start(spec("json"), LocalRuntime.Options.defaults())) {
            byte[] hugeValue = new byte[HUGE];
            Arrays.fill(hugeValue, (byte) 'x');
            produceCompressed(runtime.bootstrapServers(), "huge", hugeValue);
            String longKey = "k".repeat(700_000);
            produceCompressed(runtime.bootstrapServers(), "long-key", ("{\"event_id\":\"long-key\",\"user_id\":\""
                    + longKey + "\",\"card_id\":\"c\",\"merchant_id\":\"m\",\"merchant_category\":\"grocery\","
                    + "\"amount\":1.0,\"currency\":\"EUR\",\"country\":\"FR\",\"device_id\":\"d\",\"ip\":\"ip\","
                    + "\"event_time\":" + (T0 + 1_000) + "}").getBytes(StandardCharsets.UTF_8));
            input.produce(runtime.bootstrapServers(), "transactions");
            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                reader.readUntil(Map.of(outputs.scoresTopic(), input.expectedScoredIds().size(),
                        outputs.deadLetterTopic(), input.malformed().size() + 2), Duration.ofSeconds(60));

                ConsumerRecord<byte[], byte[]> huge = reader.records(outputs.deadLetterTopic()).stream()
                        .filter(record -> "record_too_large".equals(header(record, DeadLetterEncoder.REASON)))
                        .findFirst().orElseThrow();
                assertThat(new String(huge.key(), StandardCharsets.UTF_8)).isEqualTo("huge");
                assertThat(huge.value()).hasSize(DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT)
                        .containsOnly((byte) 'x');
                assertThat(header(huge, DeadLetterEncoder.ORIGINAL_BYTES)).isEqualTo(Integer.toString(HUGE));
                assertThat(reader.records(outputs.deadLetterTopic())).filteredOn(record ->
                        "id_or_key_too_long".equals(header(record, DeadLetterEncoder.REASON)))
                        .singleElement().satisfies(record ->
                                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("long-key"));
                assertThat(eventIds(reader.records(outputs.scoresTopic())))
                        .containsExactlyInAnyOrderElementsOf(input.expectedScoredIds());
            }
        }
    }

    /** A record gzip-compressed by a producer that allows requests that large. */
    private static void produceCompressed(String bootstrap, String key, byte[] value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * HUGE);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("transactions", key.getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }
}

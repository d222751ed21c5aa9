package io.streamscore.cli.testing;

import io.streamscore.generate.EventGenerator;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.generate.RecordKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A fixed batch of generated transactions and what the pipeline must make of each. */
public record GeneratedInput(List<GeneratedRecord> records) {

    public static GeneratedInput transactions(GeneratorConfig config, int count) {
        return of(GeneratedStream.TRANSACTIONS, config, count);
    }

    /** The first {@code count} records of one generated stream. */
    public static GeneratedInput of(GeneratedStream stream, GeneratorConfig config, int count) {
        EventGenerator generator = new EventGenerator(config);
        List<GeneratedRecord> records = new ArrayList<>(count);
        while (records.size() < count) {
            GeneratedRecord record = generator.next();
            if (record.stream() == stream) {
                records.add(record);
            }
        }
        return new GeneratedInput(List.copyOf(records));
    }

    /** Event ids that must be scored: valid and out-of-order (within bounds) records. */
    public Set<String> expectedScoredIds() {
        return ids(Set.of(RecordKind.VALID, RecordKind.OUT_OF_ORDER));
    }

    public Set<String> expectedLateIds() {
        return ids(Set.of(RecordKind.TOO_LATE));
    }

    public List<GeneratedRecord> malformed() {
        return records.stream().filter(r -> r.kind() == RecordKind.MALFORMED).toList();
    }

    private Set<String> ids(Set<RecordKind> kinds) {
        return records.stream().filter(r -> kinds.contains(r.kind())).map(GeneratedRecord::eventId)
                .collect(Collectors.toSet());
    }

    public void produce(String bootstrapServers, String topic) throws Exception {
        produce(bootstrapServers, topic, records);
    }

    public static void produce(String bootstrapServers, String topic, List<GeneratedRecord> batch) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                // One request in flight: see GeneratorProducer (fresh topics and idempotent retries).
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>(batch.size());
            for (GeneratedRecord record : batch) {
                byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
                sent.add(producer.send(new ProducerRecord<>(topic, key, record.value())));
            }
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get(120, TimeUnit.SECONDS); // generous: CI machines are shared and can be slow
            }
        }
    }
}

package io.streamscore.cli.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads output topics as a downstream user would: {@code read_committed}, from the beginning. Collects everything
 * it sees, so a test can wait for the expected counts and then keep reading a while to catch duplicates.
 */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> byTopic = new HashMap<>();

    public TopicReader(String bootstrapServers, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        topics.forEach(topic -> byTopic.put(topic, new ArrayList<>()));
    }

    /** Reads until every topic holds at least its expected count, or the timeout passes. */
    public void readUntil(Map<String, Integer> expectedCounts, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !reached(expectedCounts)) {
            poll();
        }
    }

    /** Keeps reading for {@code quiet}: anything arriving now is beyond what was expected (a duplicate). */
    public void readFor(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
        }
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            byTopic.get(record.topic()).add(record);
        }
    }

    private boolean reached(Map<String, Integer> expectedCounts) {
        return expectedCounts.entrySet().stream().allMatch(e -> byTopic.get(e.getKey()).size() >= e.getValue());
    }

    public List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        return byTopic.get(topic);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

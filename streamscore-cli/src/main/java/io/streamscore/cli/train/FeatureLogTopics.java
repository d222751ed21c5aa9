package io.streamscore.cli.train;

import io.streamscore.train.FeatureLogJson;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the scores topic (the pipeline's feature log) and the labels topic from the beginning up to their end
 * offsets at the start of the read, as a read_committed consumer outside any group: a snapshot of what the pipeline
 * has committed so far, the same on a re-run as long as the topics keep their data.
 *
 * <p>A score record that cannot be read is an error naming its topic, partition and offset (the pipeline wrote it,
 * so the spec is likely the wrong one). A label that cannot be read (a tombstone, not JSON, no {@code is_fraud}) is
 * skipped and counted instead: another system feeds the labels topic, and one bad record there, which Kafka cannot
 * delete, must not stop every later retraining.
 */
final class FeatureLogTopics {
    private FeatureLogTopics() {}

    /** Labels skipped because they could not be read: how many, and the first one's place and problem. */
    record SkippedLabels(long count, String first) {
        static final SkippedLabels NONE = new SkippedLabels(0, null);

        SkippedLabels add(String place, String problem) {
            return new SkippedLabels(count + 1, first != null ? first : place + ": " + problem);
        }
    }

    /**
     * @param properties the spec's {@code kafka.properties} (SASL, TLS), given to the consumer
     * @return the labels that were skipped
     */
    static SkippedLabels read(String bootstrap, Map<String, String> properties, String scoresTopic,
                              String labelsTopic, FeatureLogJson log, Duration timeout) {
        Map<String, Object> config = new HashMap<>(properties);
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, scoresTopic, timeout);
            partitions.addAll(partitions(consumer, labelsTopic, timeout));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            SkippedLabels skipped = SkippedLabels.NONE;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + scoresTopic + " and " + labelsTopic
                            + " to their end offsets " + end + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    String place = record.topic() + "-" + record.partition() + "@" + record.offset();
                    try {
                        if (record.topic().equals(scoresTopic)) {
                            log.addScoreRecord(record.value());
                        } else {
                            log.addLabel(record.value());
                        }
                    } catch (IllegalArgumentException e) {
                        if (record.topic().equals(scoresTopic)) {
                            throw new IllegalArgumentException(place + ": " + e.getMessage(), e);
                        }
                        skipped = skipped.add(place, e.getMessage());
                    }
                }
            }
            return skipped;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                                   Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic '" + topic + "' does not exist on the cluster");
        }
        return new java.util.ArrayList<>(infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList());
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}

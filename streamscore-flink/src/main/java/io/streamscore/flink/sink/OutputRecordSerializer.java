package io.streamscore.flink.sink;

import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns an {@link OutputRecord} into the producer record for its own topic. It names every topic the pipeline
 * writes ({@link KafkaDatasetFacetProvider}): the sink's pooled transactional ids need them to find and abort
 * transactions a failed run left open.
 */
public final class OutputRecordSerializer
        implements KafkaRecordSerializationSchema<OutputRecord>, KafkaDatasetFacetProvider {
    private static final long serialVersionUID = 1L;

    private final List<String> topics;

    /** @param topics every topic an {@link OutputRecord} of the pipeline can name */
    public OutputRecordSerializer(List<String> topics) {
        this.topics = List.copyOf(topics);
    }

    @Override
    public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
        return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(topics)));
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutputRecord record, KafkaSinkContext context, Long timestamp) {
        if (!topics.contains(record.topic)) {
            // A topic missing from the list would keep a failed run's open transactions there unaborted, and
            // read_committed consumers of that topic stuck until the transaction timeout.
            throw new IllegalStateException("output topic " + record.topic + " is not among the pipeline's output "
                    + "topics " + topics);
        }
        RecordHeaders headers = new RecordHeaders();
        if (record.headers != null) {
            for (int i = 0; i + 1 < record.headers.length; i += 2) {
                String value = record.headers[i + 1];
                headers.add(record.headers[i], value == null ? null : value.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new ProducerRecord<>(record.topic, null, record.timestamp, record.key, record.value, headers);
    }
}

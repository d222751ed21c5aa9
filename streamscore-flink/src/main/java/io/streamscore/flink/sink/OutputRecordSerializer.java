package io.streamscore.flink.sink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Turns an {@link OutputRecord} into the producer record for its own topic. */
public final class OutputRecordSerializer implements KafkaRecordSerializationSchema<OutputRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutputRecord record, KafkaSinkContext context, Long timestamp) {
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

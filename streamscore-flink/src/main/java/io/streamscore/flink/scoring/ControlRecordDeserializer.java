package io.streamscore.flink.scoring;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps control records as bytes with their coordinates; parsing happens in {@link ModelControlFunction}. */
public final class ControlRecordDeserializer implements KafkaRecordDeserializationSchema<ControlRecord> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ControlRecord> out) {
        out.collect(new ControlRecord(record.topic(), record.partition(), record.offset(), record.key(),
                record.value() == null ? new byte[0] : record.value()));
    }

    @Override
    public TypeInformation<ControlRecord> getProducedType() {
        return TypeInformation.of(ControlRecord.class);
    }
}

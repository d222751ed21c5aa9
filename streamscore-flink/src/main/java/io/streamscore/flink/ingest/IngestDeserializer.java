package io.streamscore.flink.ingest;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.Event;
import io.streamscore.event.SourceBinding;
import io.streamscore.event.EventCodec;
import io.streamscore.event.MalformedRecordException;
import io.streamscore.flink.metrics.PipelineMetrics;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes each Kafka record of one source into an {@link Ingested}: an event, or a dead letter carrying the original
 * bytes, the record's topic/partition/offset and the reason. Never throws on bad data and never drops a record:
 * one record in, one {@code Ingested} out. Counts every record and every dead letter by reason.
 */
public final class IngestDeserializer implements KafkaRecordDeserializationSchema<Ingested> {
    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final EventCodec codec;

    private transient Counter recordsIn;
    private transient Counter deadLetters;
    private transient Map<DeadLetterReason, Counter> deadLettersByReason;

    public IngestDeserializer(String sourceName, EventCodec codec) {
        this.sourceName = sourceName;
        this.codec = codec;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        MetricGroup group = PipelineMetrics.sourceGroup(context.getMetricGroup(), sourceName);
        recordsIn = group.counter(PipelineMetrics.RECORDS_IN);
        deadLetters = group.counter(PipelineMetrics.DEAD_LETTERS);
        deadLettersByReason = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLettersByReason.put(reason, group.addGroup(PipelineMetrics.REASON_GROUP, reason.code())
                    .counter(PipelineMetrics.DEAD_LETTERS_BY_REASON));
        }
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        recordsIn.inc();
        long now = System.currentTimeMillis();
        try {
            out.collect(Ingested.of(notFarAhead(codec.decode(record.value(), now), now)));
        } catch (MalformedRecordException e) {
            deadLetters.inc();
            deadLettersByReason.get(e.reason()).inc();
            out.collect(Ingested.of(new DeadLetter(sourceName, record.topic(), record.partition(), record.offset(),
                    record.key(), record.value(), e.reason(), e.detail(), now)));
        }
    }

    /**
     * Rejects an event time more than {@link SourceBinding#MAX_FUTURE_SKEW_MS} ahead of the wall clock: a device
     * clock set years ahead (still within 2000..2100) would push the source's watermark there, and every honest
     * event after it would be late.
     */
    static Event notFarAhead(Event event, long now) throws MalformedRecordException {
        if (event.eventTime > now + SourceBinding.MAX_FUTURE_SKEW_MS) {
            throw new MalformedRecordException(DeadLetterReason.INVALID_EVENT_TIME, "event time " + event.eventTime
                    + " is more than a day ahead of the ingest time " + now + " (event " + event.eventId + ")");
        }
        return event;
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}

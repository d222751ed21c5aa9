package io.streamscore.cli.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A Kafka producer interceptor ({@code interceptor.classes}) that keeps the value of every record sent through it:
 * proof that a producer was built with the client properties it was given, as SASL and TLS settings would be. Kafka
 * instantiates it by class name, so what it saw is kept in a static list; a test clears it first.
 */
public final class RecordingInterceptor implements ProducerInterceptor<String, String> {
    /** The property that installs it, as a spec's {@code kafka.properties} or a client config file gives it. */
    public static final Map<String, String> PROPERTIES = Map.of("interceptor.classes",
            RecordingInterceptor.class.getName());
    public static final List<String> SENT = new CopyOnWriteArrayList<>();

    @Override
    public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
        SENT.add(record.value());
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}

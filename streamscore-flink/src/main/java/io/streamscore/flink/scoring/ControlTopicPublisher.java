package io.streamscore.flink.scoring;

import io.streamscore.registry.ModelControlMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Tells running pipelines that the registry changed: one {@link ModelControlMessage} as JSON, keyed by model name
 * so that one model's changes keep their order on one partition, written with acks=all and waited for, so that
 * "published" means the message is replicated.
 */
public final class ControlTopicPublisher implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Duration timeout;

    /**
     * @param properties Kafka client properties for this cluster (security.protocol, sasl.*, ssl.*: the spec's
     *                   {@code kafka.properties} or {@code models --kafka-config}); the settings that make "published"
     *                   mean "replicated" (acks, timeouts) are this class's own and win over them
     */
    public ControlTopicPublisher(String bootstrapServers, String topic, Duration timeout,
                                 Map<String, String> properties) {
        long millis = Math.max(1, timeout.toMillis());
        Map<String, Object> config = new HashMap<>(properties);
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // No batching for a single message; it also keeps linger + request timeout within the delivery one.
                ProducerConfig.LINGER_MS_CONFIG, "0",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(millis),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(millis),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(millis)));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Sends {@code message} and waits until the brokers acknowledged it. */
    public RecordMetadata publish(ModelControlMessage message)
            throws ExecutionException, InterruptedException, TimeoutException {
        // The producer's own timeouts end a failed send; the extra second lets its error arrive before ours.
        return producer.send(new ProducerRecord<>(topic, message.model(), message.toJson()))
                .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ZERO);
    }
}

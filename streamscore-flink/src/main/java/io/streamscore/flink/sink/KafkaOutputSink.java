package io.streamscore.flink.sink;

import io.streamscore.spec.Guarantee;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one Kafka sink of a pipeline. With {@code exactly_once}, records are written in Kafka transactions that
 * commit when Flink's checkpoint completes; the transaction timeout is set below the broker's default maximum
 * (15 min) so the job does not fail on start, and well above the checkpoint interval so a slow checkpoint does not
 * abort a transaction.
 */
public final class KafkaOutputSink {
    /** Producer {@code transaction.timeout.ms}: under the broker's default {@code transaction.max.timeout.ms} (15 min). */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    private KafkaOutputSink() {}

    public static KafkaSink<OutputRecord> create(String bootstrapServers, PipelineSpec spec) {
        Properties producer = new Properties();
        producer.putAll(spec.kafka().properties());
        producer.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        boolean exactlyOnce = spec.outputs().guarantee() == Guarantee.EXACTLY_ONCE;
        return KafkaSink.<OutputRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new OutputRecordSerializer(topics(spec)))
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(spec.outputs().transactionalIdPrefix())
                .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
                .build();
    }

    /** Every topic the sink writes: scores, alerts (rules and drift), late events, dead letters, shadow scores. */
    static List<String> topics(PipelineSpec spec) {
        OutputsSpec outputs = spec.outputs();
        List<String> topics = new ArrayList<>(List.of(outputs.scoresTopic(), outputs.alertsTopic(),
                outputs.lateTopic(), outputs.deadLetterTopic()));
        spec.model().ifPresent(model -> topics.add(model.shadowTopic()));
        return topics.stream().distinct().toList();
    }
}

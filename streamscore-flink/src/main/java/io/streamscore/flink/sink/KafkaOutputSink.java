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
 * A pipeline's two Kafka sinks: one for the scores, chained into the scoring task, and one for every other output
 * (alerts, late events, dead letters, shadow scores). With {@code exactly_once}, both write in Kafka transactions
 * that commit when Flink's checkpoint completes, so a checkpoint makes both sinks' records readable; the transaction
 * timeout is set below the broker's default maximum (15 min) so the job does not fail on start, and well above the
 * checkpoint interval so a slow checkpoint does not abort a transaction.
 *
 * <p>Each sink has its own transactional ids: the other outputs' are {@code transactional_id_prefix} as before,
 * the scores' that prefix and {@value #SCORES_ID_SUFFIX}. After a failure each sink aborts the transactions of its
 * prefix that it finds open on its own topics; the topics of the two sinks never overlap (the spec gives every
 * output its own topic), so neither sink can take the other's transactions for its own, although one prefix
 * starts the other. Both are wrapped in {@link KafkaSinkCloseGuard}, so that a failed send surfacing as a writer
 * closes after a failure cannot end the TaskManager.
 */
public final class KafkaOutputSink {
    /**
     * Producer {@code transaction.timeout.ms}: under the broker's default {@code transaction.max.timeout.ms} (15 min).
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);
    /** Appended to {@code outputs.transactional_id_prefix} for the scores' sink. */
    public static final String SCORES_ID_SUFFIX = "-scores";

    private KafkaOutputSink() {}

    /** The sink of the scores topic alone. */
    public static KafkaSinkCloseGuard<OutputRecord> scores(String bootstrapServers, PipelineSpec spec) {
        return create(bootstrapServers, spec, List.of(spec.outputs().scoresTopic()),
                spec.outputs().transactionalIdPrefix() + SCORES_ID_SUFFIX);
    }

    /** The sink of every output but the scores. */
    public static KafkaSinkCloseGuard<OutputRecord> otherOutputs(String bootstrapServers, PipelineSpec spec) {
        return create(bootstrapServers, spec, otherTopics(spec), spec.outputs().transactionalIdPrefix());
    }

    private static KafkaSinkCloseGuard<OutputRecord> create(String bootstrapServers, PipelineSpec spec,
                                                            List<String> topics, String transactionalIdPrefix) {
        Properties producer = new Properties();
        producer.putAll(spec.kafka().properties());
        producer.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        boolean exactlyOnce = spec.outputs().guarantee() == Guarantee.EXACTLY_ONCE;
        return new KafkaSinkCloseGuard<>(KafkaSink.<OutputRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new OutputRecordSerializer(topics))
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
                .build());
    }

    /** Every topic but the scores': alerts (rules and drift), late events, dead letters, shadow scores. */
    static List<String> otherTopics(PipelineSpec spec) {
        OutputsSpec outputs = spec.outputs();
        List<String> topics = new ArrayList<>(List.of(outputs.alertsTopic(), outputs.lateTopic(),
                outputs.deadLetterTopic()));
        spec.model().ifPresent(model -> topics.add(model.shadowTopic()));
        return topics.stream().distinct().toList();
    }
}

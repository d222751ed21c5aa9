package io.streamscore.bench.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The limit: one consumer reading the input topic and one producer writing every record unchanged to an output
 * topic (same linger and compression as the pipeline's sink), no Flink, no decoding. Events per second over the middle 80% of the
 * run ({@link PipelineRun#steadyRate}), by the time each copy was acknowledged by the broker (by the time each was
 * read would credit the producer's buffer).
 */
final class RawKafkaLoop {
    private RawKafkaLoop() {}

    static double eventsPerSecond(String bootstrap, String inputTopic, String outputTopic, long events) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + System.nanoTime(),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.LINGER_MS_CONFIG, "5",
                     ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(inputTopic));
            long[] ackedAt = new long[(int) events];
            AtomicInteger acked = new AtomicInteger();
            long copied = 0;
            while (copied < events) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (copied++ < events) {
                        producer.send(new ProducerRecord<>(outputTopic, record.key(), record.value()), (metadata, e) -> {
                            int n = acked.getAndIncrement();
                            if (n < ackedAt.length) {
                                ackedAt[n] = System.nanoTime();
                            }
                        });
                    }
                }
            }
            producer.flush();
            return PipelineRun.steadyRate(ackedAt);
        }
    }
}

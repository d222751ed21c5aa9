package io.streamscore.bench.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
 * topic (same linger and compression as the pipeline's sink), no Flink, no decoding. Events per second and CPU per
 * event over the middle 80% of the run ({@link CpuSampler.SteadyWindow}), by the time each copy was acknowledged by
 * the broker (by the time each was read would credit the producer's buffer).
 */
final class RawKafkaLoop {
    private RawKafkaLoop() {}

    /** Events per second, and microseconds of the process's CPU per event, over the run's steady part. */
    record Result(double eventsPerSecond, double cpuMicrosPerEvent) {}

    static Result run(String bootstrap, String inputTopic, String outputTopic, long events)
            throws InterruptedException {
        System.gc(); // as before each pipeline run (PipelineRun#run): the same start for the baseline
        try (CpuSampler cpu = new CpuSampler();
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrap),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = producer(producerConfig(bootstrap))) {
            consumer.subscribe(List.of(inputTopic));
            long[] ackedAt = new long[(int) events];
            AtomicInteger acked = new AtomicInteger();
            long copied = 0;
            while (copied < events) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (copied++ < events) {
                        producer.send(new ProducerRecord<>(outputTopic, record.key(), record.value()),
                                (metadata, e) -> {
                                    int n = acked.getAndIncrement();
                                    if (n < ackedAt.length) {
                                        ackedAt[n] = epochNanos();
                                    }
                                });
                    }
                }
            }
            producer.flush();
            cpu.close();
            Arrays.sort(ackedAt); // callbacks of different partitions may note their times out of order
            CpuSampler.SteadyWindow steady = CpuSampler.SteadyWindow.of(ackedAt);
            return new Result(steady.eventsPerSecond(), cpu.microsPerEvent(steady));
        }
    }

    /** The loop's consumer: its own group, from the earliest offset, up to 5,000 records a poll. */
    static Map<String, Object> consumerConfig(String bootstrap) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    }

    /** The loop's producer: the pipeline sink's linger (5 ms) and compression (lz4). */
    static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    static KafkaProducer<byte[], byte[]> producer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

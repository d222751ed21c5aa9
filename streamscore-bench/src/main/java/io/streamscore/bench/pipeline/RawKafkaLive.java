package io.streamscore.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The latency limit: the raw consume-and-produce loop ({@link RawKafkaLoop}: no Flink, no decoding, the sink's
 * linger and compression) fed live at the rate a pipeline was, measured as the pipeline is (from the producer
 * sending a payment until its copy is readable under read_committed, {@link Visibility}). Plain, it is the limit
 * for at-least-once; transactional ({@code commitEvery} set), it copies inside Kafka transactions committed together
 * with its input offsets at that fixed rate, as exactly-once Flink commits once per checkpoint interval, and is the
 * limit for exactly-once: what Kafka's transactions cost here without a checkpoint to wait for.
 */
final class RawKafkaLive {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Latency percentiles (ms) from send to readable, the warm-up's payments left out. */
    record Latency(double p50Ms, double p99Ms) {}

    private RawKafkaLive() {}

    /**
     * Copies {@code events} payments from {@code input} to {@code output} while {@code startFeed} sends them (noting
     * each send in {@code sentAt}); {@code commitEvery} null: no transactions.
     */
    static Latency run(String bootstrap, String input, String output, long events, Runnable startFeed,
                       SendTimes sentAt, Duration commitEvery) throws Exception {
        System.gc(); // as before each pipeline run (PipelineRun#run)
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch assigned = new CountDownLatch(1);
        Thread loop = new Thread(() -> {
            try {
                copy(bootstrap, input, output, events, commitEvery, stop, assigned);
            } catch (Exception e) {
                failure.set(e);
            } finally {
                assigned.countDown();
            }
        }, "bench-raw-live-loop");
        loop.setDaemon(true);
        try (KafkaConsumer<byte[], byte[]> reader = PipelineRun.reader(bootstrap, output, true)) {
            // The feed starts once the reader and the loop own their partitions: a group join that outlasts the
            // warm-up (over a second on a loaded machine) would otherwise be measured as the loop's latency.
            awaitAssignment(reader, output);
            loop.start();
            if (!assigned.await(1, TimeUnit.MINUTES)) {
                stop.set(true);
                throw new IllegalStateException("the raw loop was not assigned " + input + "'s partitions in a minute");
            }
            startFeed.run();
            ScoreSlab copies = new ScoreSlab((int) events);
            int[] partitions = new int[(int) events];
            long[] offsets = new long[(int) events];
            long[] readAtMillis = new long[(int) events];
            Visibility visibility = new Visibility();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (copies.size() < events && failure.get() == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    if (copies.size() < events) {
                        partitions[copies.size()] = record.partition();
                        offsets[copies.size()] = record.offset();
                        readAtMillis[copies.size()] = System.currentTimeMillis();
                        copies.add(record.value());
                    }
                }
                visibility.observe(reader, System.currentTimeMillis());
            }
            if (failure.get() != null) {
                throw new IllegalStateException("the raw loop failed", failure.get());
            }
            if (copies.size() < events) {
                stop.set(true);
                throw new IllegalStateException("only " + copies.size() + " of " + events + " copies within 5 minutes");
            }
            loop.join(Duration.ofSeconds(30).toMillis());
            if (loop.isAlive()) {
                stop.set(true);
                throw new IllegalStateException("the raw loop did not end within 30 s of its last copy's read");
            }
            return latency(copies, partitions, offsets, readAtMillis, visibility, sentAt);
        }
    }

    /** Polls the reader of the still empty {@code output} until it owns its partitions. */
    private static void awaitAssignment(KafkaConsumer<byte[], byte[]> reader, String output) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (reader.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the reader was not assigned " + output + "'s partitions in a minute");
            }
            if (!reader.poll(Duration.ofMillis(100)).isEmpty()) {
                throw new IllegalStateException(output + " is not empty before the raw loop started");
            }
        }
    }

    private static Latency latency(ScoreSlab copies, int[] partitions, long[] offsets, long[] readAtMillis,
                                   Visibility visibility, SendTimes sentAt) throws java.io.IOException {
        double[] latencies = new double[copies.size()];
        int measured = 0;
        for (int i = 0; i < copies.size(); i++) {
            String eventId = JSON.readTree(copies.get(i)).get("event_id").asText();
            Long sent = sentAt.sentAt(eventId);
            if (sent == null || sentAt.isWarmUp(eventId)) {
                continue;
            }
            latencies[measured++] = visibility.readableAt(partitions[i], offsets[i], readAtMillis[i]) - sent;
        }
        if (measured == 0) {
            throw new IllegalStateException("no copy of a measured payment was read");
        }
        double[] measuredLatencies = Arrays.copyOf(latencies, measured);
        return new Latency(PipelineRun.percentile(measuredLatencies, 0.50),
                PipelineRun.percentile(measuredLatencies, 0.99));
    }

    /**
     * The loop itself: copies until {@code events} records went out and, with transactions, were committed, or until
     * {@code stop} is set.
     */
    private static void copy(String bootstrap, String input, String output, long events, Duration commitEvery,
                             AtomicBoolean stop, CountDownLatch assigned) {
        Map<String, Object> producerConfig = new HashMap<>(RawKafkaLoop.producerConfig(bootstrap));
        Map<String, Object> consumerConfig = new HashMap<>(RawKafkaLoop.consumerConfig(bootstrap));
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (commitEvery != null) {
            producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-raw-live-" + System.nanoTime());
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                     new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = RawKafkaLoop.producer(producerConfig)) {
            consumer.subscribe(java.util.List.of(input), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        assigned.countDown();
                    }
                }
            });
            if (commitEvery != null) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            long interval = commitEvery == null ? Long.MAX_VALUE : commitEvery.toNanos();
            long nextCommit = System.nanoTime() + interval;
            long copied = 0;
            boolean uncommitted = false;
            // the last copies wait for the grid's next commit too, as a pipeline's last scores wait for a checkpoint
            while ((copied < events || uncommitted) && !stop.get()) {
                long untilCommit = Math.max(0, nextCommit - System.nanoTime());
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(
                        Duration.ofNanos(Math.min(untilCommit, Duration.ofMillis(100).toNanos())))) {
                    if (copied++ < events) {
                        producer.send(new ProducerRecord<>(output, record.key(), record.value()));
                        uncommitted = commitEvery != null;
                    }
                }
                if (commitEvery != null && System.nanoTime() >= nextCommit) {
                    nextCommit = nextOnGrid(nextCommit, interval, System.nanoTime());
                    producer.sendOffsetsToTransaction(positions(consumer), consumer.groupMetadata());
                    producer.commitTransaction();
                    uncommitted = false;
                    if (copied < events) {
                        producer.beginTransaction();
                    }
                }
            }
            producer.flush();
        }
    }

    /**
     * The first commit time after {@code now} on the grid of {@code interval}s from {@code due}: at a fixed rate, as
     * Flink triggers checkpoints, so a late commit does not push the later ones back.
     */
    static long nextOnGrid(long due, long interval, long now) {
        return now < due ? due : due + ((now - due) / interval + 1) * interval;
    }

    private static Map<TopicPartition, OffsetAndMetadata> positions(KafkaConsumer<?, ?> consumer) {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            positions.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        return positions;
    }
}

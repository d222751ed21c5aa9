package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Against the embedded broker: a read_committed reader's lag gives the end of the committed transactions, so an open
 * transaction is not seen readable, and the first poll after a commit shows the whole transaction readable, before
 * the reader has returned most of its records.
 */
class VisibilityITCase {
    private static final String TOPIC = "visible";
    private static final int RECORDS = 5_000;

    @Test
    void theFirstPollAfterACommitShowsTheWholeTransactionReadable() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
            broker.createTopics(Map.of(TOPIC, 1));
            try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers());
                 KafkaConsumer<byte[], byte[]> reader = reader(broker.bootstrapServers())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, new byte[100]));
                }
                producer.flush();
                Visibility visibility = new Visibility();
                for (int i = 0; i < 5; i++) {
                    assertThat(reader.poll(Duration.ofMillis(200))).as("nothing of an open transaction").isEmpty();
                    visibility.observe(reader, System.currentTimeMillis());
                }
                assertThat(visibility.readableAt(0, 0, Long.MAX_VALUE)).as("open: not readable")
                        .isEqualTo(Long.MAX_VALUE);

                long committedAt = System.currentTimeMillis();
                producer.commitTransaction();
                List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
                List<Long> readAt = new ArrayList<>();
                long firstReturnedObservedAt = Long.MAX_VALUE;
                while (read.size() < RECORDS) {
                    boolean none = read.isEmpty();
                    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                        read.add(record);
                        readAt.add(System.currentTimeMillis());
                    }
                    long observedAt = System.currentTimeMillis();
                    visibility.observe(reader, observedAt);
                    if (none && !read.isEmpty()) {
                        firstReturnedObservedAt = observedAt;
                    }
                }
                long first = visibility.readableAt(0, read.get(0).offset(), Long.MAX_VALUE);
                long last = visibility.readableAt(0, read.get(RECORDS - 1).offset(), Long.MAX_VALUE);
                // at the latest, the observation right after the poll that returned the first record (it was
                // stamped with a time taken after that poll's records were handled: 2 ms later once on a busy CI)
                assertThat(first).isGreaterThanOrEqualTo(committedAt).isLessThanOrEqualTo(firstReturnedObservedAt);
                assertThat(last).as("the last record was readable with the first").isEqualTo(first);
                assertThat(readAt.get(RECORDS - 1)).as("returned by a later poll (500 records per poll)")
                        .isGreaterThanOrEqualTo(first);
                assertThat(read.get(RECORDS - 1).offset()).isEqualTo(RECORDS - 1);
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "visibility-test"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> reader(String bootstrap) {
        KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.GROUP_ID_CONFIG, "visibility-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        reader.subscribe(List.of(TOPIC));
        return reader;
    }
}

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.testing.FeatureLogFixture;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamscore train --bootstrap}: the feature log is the pipeline's scores topic (records with
 * {@code features}) and the labels come later on the labels topic, both on a real (embedded) Kafka broker; with
 * {@code --announce}, the promotion goes out on the model's control topic of that broker.
 */
class TrainFromTopicsITCase {
    private static final String CONTROL_TOPIC = ModelSpec.defaultControlTopic("fraud");

    private FeatureLogFixture log;
    private String scoresTopic;

    @BeforeEach
    void generateFeatureLog() throws Exception {
        PipelineSpec spec = SpecLoader.load(TrainCommandTest.FRAUD_SPEC);
        log = FeatureLogFixture.generate(spec, 11, 20_000, 300);
        scoresTopic = spec.outputs().scoresTopic();
    }

    @Test
    void trainsFromTheScoresAndLabelsTopicsAndRegistersMetricsAndBaselines(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = brokerWithScores(dir, Map.of(scoresTopic, 2, "labels", 1,
                CONTROL_TOPIC, 1))) {
            produce(broker.bootstrapServers(), "labels", log.labels());
            // Records without features (a pipeline that logs none for some source) are skipped, not fatal.
            produce(broker.bootstrapServers(), scoresTopic,
                    List.of("{\"event_id\":\"x\",\"event_time\":1}".getBytes()));

            StringWriter out = new StringWriter();
            int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).execute("train",
                    TrainCommandTest.FRAUD_SPEC.toString(), "--bootstrap", broker.bootstrapServers(),
                    "--registry", dir.resolve("registry").toString(), "--name", "fraud", "--promote",
                    "--announce", "--rounds", "60");

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("read topics " + scoresTopic + " and labels",
                    "1 score records without features skipped", "events unlabeled",
                    "registered fraud version 1 as the champion",
                    "announced the promotion on " + CONTROL_TOPIC);
            // What a running pipeline's control function reads: the promotion of the version just registered.
            assertThat(controlMessages(broker.bootstrapServers())).singleElement().satisfies(message -> {
                assertThat(message.type()).isEqualTo(ModelControlMessage.Type.PROMOTE);
                assertThat(message.model()).isEqualTo("fraud");
                assertThat(message.version()).isEqualTo(1);
            });
        }
        ModelManifest manifest = ModelRegistry.open(dir.resolve("registry")).champion("fraud").orElseThrow();
        assertThat(manifest.version()).isEqualTo(1);
        assertThat(manifest.metrics().get("auc")).isBetween(0.6, 1.0);
        assertThat(manifest.metrics().get("pr_auc")).isBetween(0.0, 1.0);
        long rows = manifest.metrics().get("train_rows").longValue()
                + manifest.metrics().get("holdout_rows").longValue();
        // Labels come up to three (compressed) minutes after a payment: most of the last payments have none yet and
        // are left out rather than taken as negatives.
        assertThat(rows).isBetween(2_000L, log.scoreRecords().size() - 1000L);
        assertThat(manifest.baselines().features()).hasSize(manifest.featureNames().size());
        manifest.baselines().features().values().forEach(histogram ->
                assertThat(histogram.total()).isEqualTo(manifest.metrics().get("train_rows").longValue()));
        assertThat(manifest.selfCheck().rows()).hasSizeGreaterThan(10);
    }

    @Test
    void unreadableLabelsOnTheTopicAreSkippedAndCountedNamingTheFirst(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = brokerWithScores(dir, Map.of(scoresTopic, 1, "labels", 1))) {
            // Another system feeds the labels topic: a tombstone, a record that is not JSON, a label without is_fraud.
            List<byte[]> labels = new ArrayList<>(List.of(new byte[0], "{\"event_id\": \"tx-1\"".getBytes(),
                    "{\"event_id\": \"tx-1\", \"label_time\": 5}".getBytes()));
            labels.addAll(log.labels());
            produce(broker.bootstrapServers(), "labels", labels);

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute("train", TrainCommandTest.FRAUD_SPEC.toString(), "--bootstrap",
                            broker.bootstrapServers(), "--registry", dir.resolve("registry").toString(), "--name",
                            "fraud", "--rounds", "20");

            assertThat(exit).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("3 unreadable labels skipped (the first: labels-0@0: ",
                    "registered fraud version 1");
        }
    }

    /**
     * A second scored source whose events reuse the payments' ids, labeled on the same topic: its labels name their
     * source, so each joins the refund only; the payments' labels name none, so for the reused ids they cannot say
     * whose they are and are left out, counted, rather than given to both.
     */
    @Test
    void labelsJoinBySourceAndEventIdWhenTwoSourcesShareIds(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> refunds = new ArrayList<>();
        List<byte[]> refundLabels = new ArrayList<>();
        Set<String> reused = new HashSet<>();
        for (byte[] record : log.scoreRecords().subList(0, 1000)) {
            ObjectNode refund = ((ObjectNode) json.readTree(record)).put("source", "refunds");
            reused.add(refund.get("event_id").asText());
            refunds.add(json.writeValueAsBytes(refund));
            refundLabels.add(json.writeValueAsBytes(json.createObjectNode().put("event_id",
                    refund.get("event_id").asText()).put("source", "refunds").put("is_fraud", false)
                    .put("label_time", refund.get("event_time").asLong() + 1)));
        }
        Set<String> scored = new HashSet<>();
        for (byte[] record : log.scoreRecords()) {
            scored.add(json.readTree(record).get("event_id").asText());
        }
        Set<String> labeledPayments = new HashSet<>();
        for (byte[] label : log.labels()) {
            String id = json.readTree(label).get("event_id").asText();
            if (scored.contains(id)) {
                labeledPayments.add(id);
            }
        }
        long ambiguous = reused.stream().filter(labeledPayments::contains).count();
        try (EmbeddedKafkaBroker broker = brokerWithScores(dir, Map.of(scoresTopic, 2, "labels", 1))) {
            produce(broker.bootstrapServers(), scoresTopic, refunds);
            produce(broker.bootstrapServers(), "labels", log.labels());
            produce(broker.bootstrapServers(), "labels", refundLabels);

            StringWriter out = new StringWriter();
            int exit = StreamscoreCommand.commandLine().setOut(new PrintWriter(out)).execute("train",
                    TrainCommandTest.FRAUD_SPEC.toString(), "--bootstrap", broker.bootstrapServers(),
                    "--registry", dir.resolve("registry").toString(), "--name", "fraud", "--rounds", "20");

            assertThat(exit).as(out.toString()).isZero();
            assertThat(ambiguous).isPositive();
            assertThat(out.toString()).contains(String.format("%,d labels without a `source` left out", ambiguous));
        }
        Map<String, Double> metrics = ModelRegistry.open(dir.resolve("registry")).manifest("fraud", 1).metrics();
        assertThat(metrics.get("train_rows") + metrics.get("holdout_rows"))
                .as("every refund, and the payments whose ids no refund reuses")
                .isEqualTo((double) (refunds.size() + labeledPayments.size() - ambiguous));
    }

    /** A broker with {@code topics} (name to partitions) and the feature log on the scores topic. */
    private EmbeddedKafkaBroker brokerWithScores(Path dir, Map<String, Integer> topics) throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        try {
            broker.createTopics(topics);
            produce(broker.bootstrapServers(), scoresTopic, log.scoreRecords());
            return broker;
        } catch (Exception e) {
            broker.close();
            throw e;
        }
    }

    private static List<ModelControlMessage> controlMessages(String bootstrap) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(CONTROL_TOPIC, 0)));
            List<ModelControlMessage> messages = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (messages.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> messages.add(ModelControlMessage.fromJson(
                        record.value())));
            }
            consumer.poll(Duration.ofMillis(500)).forEach(record -> messages.add(ModelControlMessage.fromJson(
                    record.value())));
            return messages;
        }
    }

    private static void produce(String bootstrap, String topic, List<byte[]> values) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                // An empty array stands for a tombstone: a record without a value.
                producer.send(new ProducerRecord<>(topic, value.length == 0 ? null : value));
            }
            producer.flush();
        }
    }
}

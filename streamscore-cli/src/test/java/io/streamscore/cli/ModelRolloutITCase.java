package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.cli.testing.TreeModels;
import io.streamscore.flink.scoring.ControlTopicPublisher;
import io.streamscore.flink.sink.DeadLetterEncoder;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelControlMessage.Type;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.CanaryAssignment;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.PipelineSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model rollout through a real broker and a MiniCluster: hot swap with no lost event, a broken version refused
 * while the old one keeps scoring, shadows that never decide, a drifting canary rolled back on its own, and the
 * canary's share of decisions on the metrics endpoint.
 * Models are one-split XGBoost trees on {@code amount} ({@link TreeModels}), so every score can be checked.
 */
class ModelRolloutITCase extends PipelineTestBase {
    private static final String MODEL = "fraud";
    private static final String CONTROL = "fraud-model-control";
    private static final String SHADOW = "scores-shadow";
    private static final Map<String, double[]> LEAVES = Map.of("1", new double[] {0.2, 0.8},
            "2", new double[] {0.3, 0.6}, "drift", new double[] {0.97, 0.98});
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private PipelineSpec spec(ModelSpec.Rollback rollback) {
        return spec("json").withModel(new ModelSpec(dir.resolve("models").toString(), MODEL, 0.5, CONTROL, SHADOW,
                true, rollback));
    }

    private ModelRegistry registryWith(String... leaves) throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("models"));
        for (String name : leaves) {
            TreeModels.register(registry, MODEL, LEAVES.get(name)[0], LEAVES.get(name)[1], true, dir);
        }
        registry.promote(MODEL, 1, "first");
        return registry;
    }

    private static GeneratedInput input(int count) {
        return GeneratedInput.transactions(inputConfig("json").clean().build(), count);
    }

    @Test
    void promotionSwapsVersionsWithoutLosingAnEventAndABrokenVersionIsRefused() throws Exception {
        ModelRegistry registry = registryWith("1", "2");
        int broken = TreeModels.register(registry, MODEL, 0.4, 0.5, false, dir);
        List<GeneratedRecord> records = input(2400).records();
        try (LocalRuntime runtime = LocalRuntime.start(spec(ModelSpec.Rollback.DEFAULTS),
                LocalRuntime.Options.defaults());
             TopicReader reader = new TopicReader(runtime.bootstrapServers(), List.of("scores", "dead-letters"))) {
            String kafka = runtime.bootstrapServers();
            List<GeneratedRecord> before = records.subList(0, 800);
            GeneratedInput.produce(kafka, "transactions", before);
            runtime.startJob(List.of());
            awaitScored(reader, before);

            registry.promote(MODEL, 2, "better");
            publish(kafka, Type.PROMOTE, 2);
            // In chunks: once a chunk is all version 2, every later one must be too.
            boolean switched = false;
            for (int chunk = 0; chunk < 8; chunk++) {
                List<GeneratedRecord> part = records.subList(800 + chunk * 100, 900 + chunk * 100);
                GeneratedInput.produce(kafka, "transactions", part);
                awaitScored(reader, part);
                Set<String> versions = versionsOf(reader, part);
                assertThat(!switched || versions.equals(Set.of("2")))
                        .as("chunk %d after the switch: %s", chunk, versions).isTrue();
                switched |= versions.equals(Set.of("2"));
            }
            assertThat(switched).as("version 2 took over").isTrue();

            registry.promote(MODEL, broken, "looks fine");
            publish(kafka, Type.PROMOTE, broken);
            publishRaw(kafka, "{not a control message");
            reader.readUntil(Map.of("dead-letters", 2), TIMEOUT);
            List<GeneratedRecord> after = records.subList(1600, 2400);
            GeneratedInput.produce(kafka, "transactions", after);
            awaitScored(reader, after);
            reader.readFor(Duration.ofSeconds(2));

            assertThat(versionsOf(reader, before)).containsExactly("1");
            assertThat(versionsOf(reader, after)).as("the refused version never scores").containsExactly("2");
            assertEveryEventScoredOnceByItsVersion(reader, records, Map.of("1", "1", "2", "2"));
            Map<String, String> reasons = reader.records("dead-letters").stream().collect(Collectors.toMap(
                    record -> header(record, DeadLetterEncoder.REASON),
                    record -> header(record, DeadLetterEncoder.DETAIL)));
            assertThat(reasons).containsOnlyKeys("model_refused", "control_malformed");
            assertThat(reasons.get("model_refused")).contains("version " + broken, "self-check failed",
                    "version 2 keeps scoring");
        }
    }

    @Test
    void shadowScoresEveryEventOnTheSideAndNeverDecides() throws Exception {
        ModelRegistry registry = registryWith("1", "2");
        registry.setChallenger(MODEL, 2, ChallengerMode.SHADOW, 0);
        List<GeneratedRecord> records = input(1000).records();
        try (LocalRuntime runtime = LocalRuntime.start(spec(ModelSpec.Rollback.DEFAULTS),
                LocalRuntime.Options.defaults());
             TopicReader reader = new TopicReader(runtime.bootstrapServers(), List.of("scores", SHADOW))) {
            GeneratedInput.produce(runtime.bootstrapServers(), "transactions", records);
            runtime.startJob(List.of());
            reader.readUntil(Map.of("scores", records.size(), SHADOW, records.size()), TIMEOUT);
            reader.readFor(Duration.ofSeconds(2));

            assertThat(versionsOf(reader, records)).containsExactly("1");
            assertEveryEventScoredOnceByItsVersion(reader, records, Map.of("1", "1"));
            Map<String, Double> amounts = amountsById(reader);
            List<JsonNode> shadows = reader.records(SHADOW).stream().map(PipelineTestBase::json).toList();
            assertThat(shadows.stream().map(node -> node.get("event_id").asText()))
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(amounts.keySet());
            for (JsonNode shadow : shadows) {
                assertThat(shadow.get("model_version").asText()).isEqualTo("2");
                assertThat(shadow.get("role").asText()).isEqualTo("shadow");
                assertThat(shadow.get("decided_by").asText()).isEqualTo("1");
                assertThat(shadow.get("score").doubleValue())
                        .isEqualTo(expected("2", amounts.get(shadow.get("event_id").asText())));
            }
        }
    }

    @Test
    void driftingCanaryDecidesForItsStickyKeysUntilItIsRolledBack() throws Exception {
        ModelRegistry registry = registryWith("1", "drift");
        registry.setChallenger(MODEL, 2, ChallengerMode.CANARY, 0.3);
        List<GeneratedRecord> records = input(2000).records();
        ModelSpec.Rollback rollback = new ModelSpec.Rollback(0.25, 50, Duration.ofSeconds(5));
        try (LocalRuntime runtime = LocalRuntime.start(spec(rollback), LocalRuntime.Options.defaults());
             TopicReader reader = new TopicReader(runtime.bootstrapServers(), List.of("scores", CONTROL))) {
            String kafka = runtime.bootstrapServers();
            List<GeneratedRecord> first = records.subList(0, 1500);
            GeneratedInput.produce(kafka, "transactions", first);
            runtime.startJob(List.of());
            awaitScored(reader, first);
            await().atMost(TIMEOUT).until(() -> registry.rollout(MODEL).challengers().isEmpty());
            reader.readUntil(Map.of(CONTROL, 1), TIMEOUT);
            ModelControlMessage removal = ModelControlMessage.fromJson(
                    new String(reader.records(CONTROL).get(0).value(), StandardCharsets.UTF_8));
            assertThat(removal.type()).isEqualTo(Type.REMOVE_CHALLENGER);
            assertThat(removal.version()).isEqualTo(2);
            assertThat(removal.reason()).contains("automatic rollback", "PSI");

            Thread.sleep(2000); // the removal reaches the other subtask through the control topic
            List<GeneratedRecord> after = records.subList(1500, 2000);
            GeneratedInput.produce(kafka, "transactions", after);
            awaitScored(reader, after);
            reader.readFor(Duration.ofSeconds(2));

            assertEveryEventScoredOnceByItsVersion(reader, records, Map.of("1", "1", "2", "drift"));
            List<JsonNode> canaryDecisions = scores(reader).stream()
                    .filter(node -> node.get("model_version").asText().equals("2")).toList();
            assertThat(canaryDecisions).as("the canary decided before it drifted out").isNotEmpty();
            assertThat(canaryDecisions).allSatisfy(node -> assertThat(
                    CanaryAssignment.canaryOf(node.get("key").asText(), new double[] {0.3})).isZero());
            assertThat(versionsOf(reader, after)).containsExactly("1");
            assertThat(canaryShare(runtime)).as("the rollback started a plan without a canary").isZero();
        }
    }

    @Test
    void aSteadyCanarysShareOfDecisionsIsOnTheMetricsEndpoint() throws Exception {
        ModelRegistry registry = registryWith("1", "2");
        registry.setChallenger(MODEL, 2, ChallengerMode.CANARY, 0.3);
        List<GeneratedRecord> records = input(1000).records();
        ModelSpec.Rollback never = new ModelSpec.Rollback(1000, 1_000_000, Duration.ofMinutes(1)); // never judges
        try (LocalRuntime runtime = LocalRuntime.start(spec(never), LocalRuntime.Options.defaults());
             TopicReader reader = new TopicReader(runtime.bootstrapServers(), List.of("scores"))) {
            GeneratedInput.produce(runtime.bootstrapServers(), "transactions", records);
            runtime.startJob(List.of());
            reader.readUntil(Map.of("scores", records.size()), TIMEOUT);

            long byCanary = scores(reader).stream().filter(node -> node.get("model_version").asText().equals("2"))
                    .count();
            assertThat(byCanary).as("the canary decides for its keys").isPositive().isLessThan(records.size());
            // Both subtasks' shares combined: every canary decision over every scored event.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(canaryShare(runtime)).isCloseTo((double) byCanary / records.size(), within(1e-9)));
        }
    }

    private static double canaryShare(LocalRuntime runtime) throws Exception {
        return MetricsEndpointITCase.value(new MetricsScraper(runtime.metricsUrl()).scrape(),
                "streamscore_model_canary_share", sample -> MODEL.equals(sample.label("model")));
    }

    private static void awaitScored(TopicReader reader, List<GeneratedRecord> part) {
        Set<String> ids = part.stream().map(GeneratedRecord::eventId).collect(Collectors.toSet());
        await().atMost(TIMEOUT).pollInterval(Duration.ZERO).until(() -> {
            reader.readFor(Duration.ofMillis(200));
            return scores(reader).stream().map(node -> node.get("event_id").asText()).collect(Collectors.toSet())
                    .containsAll(ids);
        });
    }

    private static Set<String> versionsOf(TopicReader reader, List<GeneratedRecord> part) {
        Set<String> ids = part.stream().map(GeneratedRecord::eventId).collect(Collectors.toSet());
        return scores(reader).stream().filter(node -> ids.contains(node.get("event_id").asText()))
                .map(node -> node.get("model_version").asText()).collect(Collectors.toSet());
    }

    /** Each event once, with the score its deciding version gives its amount, and decision = score >= 0.5. */
    private static void assertEveryEventScoredOnceByItsVersion(TopicReader reader, List<GeneratedRecord> records,
                                                               Map<String, String> leavesByVersion) {
        List<JsonNode> scores = scores(reader);
        assertThat(scores.stream().map(node -> node.get("event_id").asText())).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(records.stream().map(GeneratedRecord::eventId).toList());
        for (JsonNode score : scores) {
            String version = score.get("model_version").asText();
            double amount = score.get("model_features").get(0).doubleValue();
            assertThat(score.get("model").asText()).isEqualTo(MODEL);
            assertThat(leavesByVersion).containsKey(version);
            assertThat(score.get("score").doubleValue()).as("score of %s", score)
                    .isEqualTo(expected(leavesByVersion.get(version), amount));
            assertThat(score.get("decision").booleanValue()).isEqualTo(score.get("score").doubleValue() >= 0.5);
        }
    }

    private static double expected(String leaves, double amount) {
        return TreeModels.expectedScore(LEAVES.get(leaves)[0], LEAVES.get(leaves)[1], amount);
    }

    private static Map<String, Double> amountsById(TopicReader reader) {
        Map<String, Double> amounts = new HashMap<>();
        scores(reader).forEach(node -> amounts.put(node.get("event_id").asText(),
                node.get("model_features").get(0).doubleValue()));
        return amounts;
    }

    private static List<JsonNode> scores(TopicReader reader) {
        return reader.records("scores").stream().map(PipelineTestBase::json).toList();
    }

    private static void publish(String kafka, Type type, int version) throws Exception {
        try (ControlTopicPublisher publisher = new ControlTopicPublisher(kafka, CONTROL, Duration.ofSeconds(30),
                Map.of())) {
            publisher.publish(ModelControlMessage.issue(type, MODEL, version, null, null, "test",
                    System.currentTimeMillis()));
        }
    }

    private static void publishRaw(String kafka, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(CONTROL, MODEL, value)).get();
        }
    }
}

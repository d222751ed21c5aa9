package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.cluster.FlinkRestClient;
import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.testing.FlinkTestCluster;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TreeModels;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.RecordKind;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An upgrade on the cluster: the fraud pipeline runs on the first half of the input, scoring with model version 1,
 * is stopped with a savepoint ({@code streamscore stop --savepoint}), version 2 is promoted in the registry, and the
 * job is resubmitted from the savepoint with a lower alert threshold (3 small payments instead of 5) for the second
 * half. The features continue from the saved state (counts include the first half), alert cooldowns survive, the new
 * threshold applies, every score of the second half comes from version 2 (with its own leaves: the scores are
 * checked, not only the label), and every record is output exactly once across both runs. On the heap and on RocksDB,
 * where the window state cache holds every key's changes (100 users) until the savepoint's flush writes them.
 *
 * <p>The upgrade also rescales the job from 2 subtasks to 1: the feature states of both old subtasks' key groups
 * come together in one, and each second-run count still includes the user's first-run payments.
 *
 * <p>The upgrade also changes the user features: {@code user_tx_1h_upgraded} is added (the same count as
 * {@code user_tx_1h} under a new name) and {@code user_spend_5m} becomes a 10-minute sum. The restore migrates the
 * window state: the unchanged features keep their history and the added one starts empty at the upgrade.
 */
class SavepointUpgradeFaultITCase extends ClusterTestBase {
    private static final int TRANSACTIONS = 6_000;
    private static final String MODEL = "fraud";
    /** Leaves (below, above the split on amount) of versions 1 and 2: every score names the version that made it. */
    private static final double[] V1 = {0.2, 0.8};
    private static final double[] V2 = {0.3, 0.6};

    @ParameterizedTest(name = "state_backend: {0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void stopWithSavepointChangeThresholdResumeContinuesFeatureStateAndOutputs(String backend, @TempDir Path dir)
            throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("models"));
        TreeModels.register(registry, MODEL, V1[0], V1[1], true, dir);
        TreeModels.register(registry, MODEL, V2[0], V2[1], true, dir);
        registry.promote(MODEL, 1, "before the upgrade");
        Path before = withModel(withStateBackend(fraudSpec(dir, 5), backend), registry, MODEL);
        Path after = withModel(withChangedUserFeatures(withParallelism(withStateBackend(fraudSpec(dir, 3), backend),
                1)), registry, MODEL);
        OutputsSpec outputs = load(before).outputs();
        GeneratedInput input = GeneratedInput.transactions(
                inputConfig("json").users(100).fraudShares(0.05, 0, 0).build(), TRANSACTIONS);
        List<GeneratedRecord> firstHalf = input.records().subList(0, TRANSACTIONS / 2);
        GeneratedInput first = new GeneratedInput(firstHalf);
        try (EmbeddedKafkaBroker broker = startBroker(dir.resolve("kafka"), load(before));
             FlinkTestCluster cluster = FlinkTestCluster.start(dir.resolve("flink"), 1);
             TopicReader reader = new TopicReader(broker.bootstrapServers(),
                     List.of(outputs.scoresTopic(), outputs.lateTopic(), outputs.deadLetterTopic(),
                             outputs.alertsTopic()))) {
            String bootstrap = broker.bootstrapServers();
            String firstJob = submit(cluster, before, bootstrap, null);
            first.produce(bootstrap, "transactions");
            awaitOutputs(reader, outputs, first, Duration.ofSeconds(120));
            Set<String> alertedBefore = alertedUsers(reader.records(outputs.alertsTopic()).stream()
                    .map(PipelineTestBase::json).toList());

            String savepoint = stopWithSavepoint(cluster, firstJob, dir.resolve("savepoints"));
            assertThat(savepoint).contains("savepoint-");
            registry.promote(MODEL, 2, "the upgrade");
            String resumedJob = submit(cluster, after, bootstrap, savepoint);
            FlinkRestClient flink = new FlinkRestClient(cluster.jobManager());
            assertThat(flink.progress(resumedJob).tasks()).as("subtasks at parallelism 1, against 2 before")
                    .isLessThan(flink.progress(firstJob).tasks());
            GeneratedInput.produce(bootstrap, "transactions", input.records().subList(TRANSACTIONS / 2, TRANSACTIONS));
            awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));

            assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
            assertScoredByVersionBeforeAndAfter(reader.records(outputs.scoresTopic()).stream()
                    .map(PipelineTestBase::json).toList(), firstHalf);
            List<JsonNode> scores = reader.records(outputs.scoresTopic()).stream().map(PipelineTestBase::json).toList();
            assertFeaturesContinueFromTheFirstRun(scores, firstHalf);
            assertChangedFeaturesStartAtTheUpgrade(scores, firstHalf);
            List<JsonNode> alerts = reader.records(outputs.alertsTopic()).stream().map(PipelineTestBase::json).toList();
            assertNewThresholdAndOldCooldowns(alerts, firstHalf, alertedBefore);
        }
    }

    /** Scores of first-half payments come from version 1, the rest from version 2, each with its leaves. */
    private static void assertScoredByVersionBeforeAndAfter(List<JsonNode> scores, List<GeneratedRecord> firstHalf) {
        Set<String> firstIds = new HashSet<>();
        firstHalf.forEach(record -> firstIds.add(record.eventId()));
        long secondRun = 0;
        for (JsonNode score : scores) {
            boolean first = firstIds.contains(score.get("event_id").asText());
            assertThat(score.get("model_version").asText()).as("model version of %s (%s run)", score.get("event_id"),
                    first ? "first" : "second").isEqualTo(first ? "1" : "2");
            double[] leaves = first ? V1 : V2;
            assertThat(score.get("score").asDouble()).as("score of %s", score.get("event_id"))
                    .isIn(TreeModels.expectedScore(leaves[0], leaves[1], 10), TreeModels.expectedScore(leaves[0],
                            leaves[1], 500));
            secondRun += first ? 0 : 1;
        }
        assertThat(secondRun).as("scores after the upgrade").isGreaterThan(TRANSACTIONS / 4);
    }

    /** user_tx_1h of each second-run payment counts at least the user's first-run payments up to its event time. */
    private static void assertFeaturesContinueFromTheFirstRun(List<JsonNode> scores, List<GeneratedRecord> firstHalf) {
        Map<String, List<Long>> firstRunTimesByUser = new HashMap<>();
        Set<String> firstIds = new HashSet<>();
        for (GeneratedRecord record : firstHalf) {
            firstIds.add(record.eventId());
            if (record.kind() == RecordKind.VALID || record.kind() == RecordKind.OUT_OF_ORDER) {
                firstRunTimesByUser.computeIfAbsent(record.key(), k -> new java.util.ArrayList<>())
                        .add(record.eventTime());
            }
        }
        int checkedWithHistory = 0;
        for (JsonNode score : scores) {
            if (firstIds.contains(score.get("event_id").asText())) {
                continue;
            }
            long eventTime = score.get("event_time").asLong();
            long history = firstRunTimesByUser.getOrDefault(score.get("key").asText(), List.of()).stream()
                    .filter(time -> time <= eventTime).count();
            assertThat(score.get("features").get("user_tx_1h").asDouble())
                    .as("user_tx_1h of %s after the upgrade", score.get("event_id"))
                    .isGreaterThanOrEqualTo(history + 1);
            checkedWithHistory += history > 0 ? 1 : 0;
        }
        assertThat(checkedWithHistory).as("second-run payments of users seen in the first run").isGreaterThan(500);
    }

    /** Adds user_tx_1h_upgraded after user_tx_1h and makes user_spend_5m a 10-minute sum. */
    private static Path withChangedUserFeatures(Path specFile) throws Exception {
        String changed = Files.readString(specFile)
                .replace("    window: 5m                    # tile", "    window: 10m                   # tile")
                .replace("""
                          - name: user_tx_1h
                            aggregation: count
                            window: 1h
                        """, """
                          - name: user_tx_1h
                            aggregation: count
                            window: 1h
                          - name: user_tx_1h_upgraded
                            aggregation: count
                            window: 1h
                        """);
        assertThat(changed).contains("user_tx_1h_upgraded", "window: 10m                   # tile");
        Files.writeString(specFile, changed);
        return specFile;
    }

    /**
     * After the upgrade, user_tx_1h counts the user's first-run payments within its hour and the added
     * user_tx_1h_upgraded does not: their difference lies between the first-run payments in (t - 1 h, t] and all
     * those at or before t (the window's start is rounded down to its tile). First-run scores lack the feature.
     */
    private static void assertChangedFeaturesStartAtTheUpgrade(List<JsonNode> scores,
                                                               List<GeneratedRecord> firstHalf) {
        Map<String, List<Long>> firstRunTimesByUser = new HashMap<>();
        Set<String> firstIds = new HashSet<>();
        for (GeneratedRecord record : firstHalf) {
            firstIds.add(record.eventId());
            if (record.kind() == RecordKind.VALID || record.kind() == RecordKind.OUT_OF_ORDER) {
                firstRunTimesByUser.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.eventTime());
            }
        }
        int withHistory = 0;
        for (JsonNode score : scores) {
            JsonNode features = score.get("features");
            if (firstIds.contains(score.get("event_id").asText())) {
                assertThat(features.has("user_tx_1h_upgraded")).as("first-run score %s", score.get("event_id"))
                        .isFalse();
                continue;
            }
            long t = score.get("event_time").asLong();
            List<Long> history = firstRunTimesByUser.getOrDefault(score.get("key").asText(), List.of());
            long inWindow = history.stream().filter(time -> time <= t && time > t - 3_600_000L).count();
            long atOrBefore = history.stream().filter(time -> time <= t).count();
            double added = features.get("user_tx_1h_upgraded").asDouble();
            assertThat(features.get("user_tx_1h").asDouble() - added)
                    .as("user_tx_1h - user_tx_1h_upgraded of %s", score.get("event_id"))
                    .isBetween((double) inWindow, (double) atOrBefore);
            assertThat(added).as("user_tx_1h_upgraded of %s", score.get("event_id")).isGreaterThanOrEqualTo(1);
            withHistory += inWindow > 0 ? 1 : 0;
        }
        assertThat(withHistory).as("second-run payments whose user has first-run history").isGreaterThan(500);
    }

    private static void assertNewThresholdAndOldCooldowns(List<JsonNode> alerts, List<GeneratedRecord> firstHalf,
                                                          Set<String> alertedBefore) {
        Set<String> firstIds = new HashSet<>();
        firstHalf.forEach(record -> firstIds.add(record.eventId()));
        List<JsonNode> afterUpgrade = alerts.stream().filter(a -> !firstIds.contains(a.get("event_id").asText()))
                .toList();
        assertThat(alerts).filteredOn(a -> firstIds.contains(a.get("event_id").asText()))
                .allSatisfy(a -> assertThat(smallPayments(a)).isGreaterThanOrEqualTo(5));
        assertThat(afterUpgrade).isNotEmpty().allSatisfy(a -> assertThat(smallPayments(a)).isGreaterThanOrEqualTo(3));
        assertThat(afterUpgrade).as("alerts at the new threshold")
                .anySatisfy(a -> assertThat(smallPayments(a)).isLessThan(5));
        assertThat(alertedUsers(afterUpgrade)).as("users still in their 10 min cooldown from the first run")
                .doesNotContainAnyElementsOf(alertedBefore);
    }

    private static double smallPayments(JsonNode alert) {
        return alert.get("features").get("card_small_tx_10m").asDouble();
    }

    private static Set<String> alertedUsers(List<JsonNode> alerts) {
        Set<String> users = new HashSet<>();
        alerts.forEach(alert -> users.add(alert.get("key").asText()));
        return users;
    }
}

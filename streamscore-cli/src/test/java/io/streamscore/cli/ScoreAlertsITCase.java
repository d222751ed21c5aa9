package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.cli.testing.TreeModels;
import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert rules over the model's score, through a real broker and a MiniCluster: a rule reading the score, a feature
 * and nothing else raises exactly the alerts the model's scores predict, with the score in each; a rule with a
 * cooldown raises exactly those a brute-force pass over each user's payments predicts; and a rule over fields only
 * still runs before scoring, its alerts without a score. The model is a one-split tree on {@code amount}
 * ({@link TreeModels}: 0.2 below 50, 0.8 above), so every score is known.
 */
class ScoreAlertsITCase extends PipelineTestBase {
    private static final int PAYMENTS = 2_000;
    private static final long COOLDOWN = 3_000;

    @TempDir
    Path dir;

    @Test
    void rulesOverTheScoreRaiseExactlyThePredictedAlerts() throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("models"));
        TreeModels.register(registry, "fraud", 0.2, 0.8, true, dir);
        registry.promote("fraud", 1, "first");
        PipelineSpec spec = SpecLoader.parse(specYaml("json") + """
                features:
                  - name: tx_1h
                    aggregation: count
                    window: 1h
                alerts:
                  - name: high_score
                    when: 'score >= 0.5 && tx_1h >= 1'
                    cooldown: 0s
                  - name: high_score_user
                    when: 'score >= 0.5'
                    cooldown: 3s
                  - name: tiny_amount
                    when: 'amount < 5'
                    cooldown: 0s
                model:
                  registry: %s
                  name: fraud
                  threshold: 0.5
                """.formatted(dir.resolve("models")), Path.of("."));
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").clean().build(), PAYMENTS);
        Expected expected = expected(input.records(), spec.source("transactions"));
        assertThat(expected.highScore()).hasSizeBetween(20, PAYMENTS - 20);
        assertThat(expected.highScoreUser()).hasSizeLessThan(expected.highScore().size());
        assertThat(expected.tinyAmount()).isNotEmpty();

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults());
             TopicReader reader = new TopicReader(runtime.bootstrapServers(), List.of("scores", "alerts"))) {
            GeneratedInput.produce(runtime.bootstrapServers(), "transactions", input.records());
            runtime.startJob(List.of());
            int alerts = expected.highScore().size() + expected.highScoreUser().size() + expected.tinyAmount().size();
            reader.readUntil(Map.of("scores", input.records().size(), "alerts", alerts), Duration.ofSeconds(90));
            reader.readFor(Duration.ofSeconds(2));

            Map<String, Double> scores = reader.records("scores").stream().map(PipelineTestBase::json).collect(
                    Collectors.toMap(score -> score.get("event_id").asText(), score -> score.get("score").asDouble()));
            assertThat(scores).hasSize(input.records().size());
            Map<String, List<JsonNode>> byRule = reader.records("alerts").stream().map(PipelineTestBase::json)
                    .collect(Collectors.groupingBy(alert -> alert.get("rule").asText()));
            assertThat(eventIdsOf(byRule.get("high_score"))).containsExactlyInAnyOrderElementsOf(expected.highScore());
            assertThat(eventIdsOf(byRule.get("high_score_user")))
                    .containsExactlyInAnyOrderElementsOf(expected.highScoreUser());
            assertThat(eventIdsOf(byRule.get("tiny_amount")))
                    .containsExactlyInAnyOrderElementsOf(expected.tinyAmount());
            for (JsonNode alert : byRule.get("high_score")) {
                assertThat(alert.get("score").asDouble()).isEqualTo(scores.get(alert.get("event_id").asText()));
                assertThat(alert.at("/features/tx_1h").asDouble()).isGreaterThanOrEqualTo(1);
                assertThat(alert.get("model").asText() + " v" + alert.get("model_version").asText())
                        .as("the model that produced the score").isEqualTo("fraud v1");
            }
            assertThat(byRule.get("tiny_amount")).allSatisfy(alert -> {
                assertThat(alert.get("score").isNull()).isTrue();
                assertThat(alert.get("model").isNull()).as("raised before scoring").isTrue();
            });
        }
    }

    private record Expected(Set<String> highScore, Set<String> highScoreUser, Set<String> tinyAmount) {}

    /** In arrival order (each user's payments share a partition): the scores the tree gives, and the cooldown. */
    private static Expected expected(List<GeneratedRecord> records, SourceSpec source) throws Exception {
        EventCodec codec = source.codec();
        int amountSlot = source.schema().require("amount").slot();
        Set<String> highScore = new HashSet<>();
        Set<String> highScoreUser = new HashSet<>();
        Set<String> tinyAmount = new HashSet<>();
        Map<String, Long> lastAlert = new HashMap<>();
        for (GeneratedRecord record : records) {
            Event payment = codec.decode(record.value(), 0);
            double amount = payment.numbers[amountSlot];
            if (TreeModels.expectedScore(0.2, 0.8, amount) >= 0.5) {
                highScore.add(payment.eventId);
                Long last = lastAlert.get(payment.key);
                if (last == null || payment.eventTime - last >= COOLDOWN) {
                    lastAlert.put(payment.key, payment.eventTime);
                    highScoreUser.add(payment.eventId);
                }
            }
            if (amount < 5) {
                tinyAmount.add(payment.eventId);
            }
        }
        return new Expected(highScore, highScoreUser, tinyAmount);
    }

    private static List<String> eventIdsOf(List<JsonNode> alerts) {
        return alerts == null ? List.of() : alerts.stream().map(alert -> alert.get("event_id").asText()).toList();
    }
}

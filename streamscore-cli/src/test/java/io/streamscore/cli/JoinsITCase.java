package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.JoinEventLog;
import io.streamscore.cli.testing.OneSplitModel;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event-time join end to end: a randomized, disordered log of payments, clicks and Debezium profile changes
 * (creates, snapshot reads, out-of-order updates, deletes) through a real broker and a MiniCluster, every payment's
 * click features and profile columns compared exactly with an oracle computed from the full event log. The model
 * reads a join column ({@code profile_risk}), so every score is checked against the oracle's column too.
 */
class JoinsITCase extends PipelineTestBase {
    private static final long OUT_OF_ORDERNESS_MS = 2_000;
    private static final long LATENESS_MS = 10_000;
    private static final Map<String, Long> WINDOWS = windows();

    private static Map<String, Long> windows() {
        Map<String, Long> windows = new LinkedHashMap<>();
        windows.put("clicks_30s", 30_000L);
        windows.put("pages_60s", 60_000L);
        windows.put("failed_20s", 20_000L);
        windows.put("session_45s", 45_000L);
        return windows;
    }

    /** The model: high for a high-risk profile, low for the others and without a profile (missing goes left). */
    private static final String MODEL = "join-risk";
    private static final double LOW_LEAF = -2.0;
    private static final double HIGH_LEAF = 2.0;

    private static PipelineSpec joinSpec(Path registry) {
        return SpecLoader.parse("""
                name: it-joins
                kafka:
                  bootstrap: embedded
                sources:
                  transactions:
                    topic: transactions
                    schema: transaction
                    key: user_id
                    event_time: event_time
                    max_out_of_orderness: 2s
                    allowed_lateness: 10s
                  clicks:
                    topic: clicks
                    schema: click
                    key: user_id
                    event_time: event_time
                    max_out_of_orderness: 2s
                    allowed_lateness: 2s
                  profiles:
                    topic: user-profiles
                    schema: user_profile_change
                    format: debezium_json
                    key: after.user_id
                    event_time: ts_ms
                    max_out_of_orderness: 2s
                    allowed_lateness: 2s
                joins:
                  source: transactions
                  max_wait: 10m                  # the sentinels move the watermark; no payment goes early
                  clicks:
                    source: clicks
                    features:
                      - {name: clicks_30s, measure: clicks, window: 30s}
                      - {name: pages_60s, measure: pages_viewed, window: 60s}
                      - {name: failed_20s, measure: failed_logins, window: 20s}
                      - {name: session_45s, measure: session_age, window: 45s}
                  profiles:
                    source: profiles
                    columns:
                      - {name: profile_risk, field: risk_tier, codes: {low: 0, medium: 1, high: 2}}
                      - {name: profile_email_verified, field: email_verified}
                      - {name: profile_account_created, field: account_created}
                model:
                  name: %s
                  registry: %s
                  threshold: 0.5
                """.formatted(MODEL, registry) + OUTPUTS_AND_RUNTIME_YAML, Path.of("."));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 29})
    void everyPaymentGetsExactlyTheJoinTheFullEventLogGives(long seed, @TempDir Path registry) throws Exception {
        OneSplitModel.register(registry, MODEL, "profile_risk", new double[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0}, 1.5,
                LOW_LEAF, HIGH_LEAF);
        // Event times an hour back: real enough for the future-skew check, far from the wall clock.
        long start = System.currentTimeMillis() - 3_600_000L;
        JoinEventLog log = JoinEventLog.generate(new JoinEventLog.Config(seed, start, 4_000, 30,
                OUT_OF_ORDERNESS_MS, LATENESS_MS, WINDOWS));
        assertThat(log.tooLatePayments()).isNotEmpty();
        assertThat(log.scoredPayments()).hasSizeGreaterThan(1_000);

        LocalRuntime.Options options = LocalRuntime.Options.defaults();
        try (LocalRuntime runtime = LocalRuntime.start(joinSpec(registry), options)) {
            List<JoinEventLog.Sent> records = new ArrayList<>(log.arrivals());
            records.addAll(log.sentinels(options.partitions()));
            produce(runtime.bootstrapServers(), records);
            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                reader.readUntil(Map.of(outputs.scoresTopic(), log.scoredPayments().size(),
                        outputs.lateTopic(), log.tooLatePayments().size()), Duration.ofSeconds(90));
                reader.readFor(Duration.ofSeconds(3));

                assertEveryPaymentInExactlyOneOutputOnce(reader, outputs, log);
                assertJoinsMatchTheOracle(reader.records(outputs.scoresTopic()), log);
                assertThat(reader.records(outputs.deadLetterTopic())).isEmpty();
            }
        }
    }

    private static void assertEveryPaymentInExactlyOneOutputOnce(TopicReader reader, OutputsSpec outputs,
                                                                 JoinEventLog log) {
        List<String> scored = eventIds(reader.records(outputs.scoresTopic())).stream()
                .filter(id -> !id.startsWith("sentinel-")).toList();
        assertThat(scored).doesNotHaveDuplicates();
        assertThat(scored).containsExactlyInAnyOrderElementsOf(log.scoredPayments().keySet());
        List<String> late = eventIds(reader.records(outputs.lateTopic()));
        assertThat(late).as("only the payments beyond lateness are late: no click or profile change")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(log.tooLatePayments());
    }

    private static void assertJoinsMatchTheOracle(List<ConsumerRecord<byte[], byte[]>> scores, JoinEventLog log) {
        int withProfile = 0;
        int withClicks = 0;
        int highRisk = 0;
        for (ConsumerRecord<byte[], byte[]> record : scores) {
            JsonNode score = json(record);
            String id = score.get("event_id").asText();
            if (id.startsWith("sentinel-")) {
                continue;
            }
            Map<String, Double> actual = new LinkedHashMap<>();
            score.get("features").fields().forEachRemaining(field ->
                    actual.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asDouble()));
            Map<String, Double> expected = log.expectedJoin(id);
            assertThat(actual).as("join of %s at %d", id, score.get("event_time").asLong()).isEqualTo(expected);
            Double risk = expected.get("profile_risk");
            double leaf = risk != null && risk >= 1.5 ? HIGH_LEAF : LOW_LEAF;
            highRisk += leaf == HIGH_LEAF ? 1 : 0;
            assertThat(score.get("score").asDouble()).as("score of %s, profile_risk %s", id, risk)
                    .isCloseTo(1 / (1 + Math.exp(-leaf)), within(1e-6));
            withProfile += expected.get("profile_account_created") == null ? 0 : 1;
            withClicks += expected.get("clicks_30s") > 0 ? 1 : 0;
        }
        // The oracle's cases all occur: with and without a profile, with and without clicks.
        assertThat(withProfile).isPositive().isLessThan(log.scoredPayments().size());
        assertThat(withClicks).isPositive().isLessThan(log.scoredPayments().size());
        assertThat(highRisk).as("both of the model's leaves").isPositive().isLessThan(log.scoredPayments().size());
    }

    private static void produce(String bootstrap, List<JoinEventLog.Sent> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                // One request in flight: the order written is the order each partition holds.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>(records.size());
            for (JoinEventLog.Sent record : records) {
                sent.add(producer.send(new ProducerRecord<>(record.topic(), record.partition(),
                        record.key().getBytes(StandardCharsets.UTF_8), record.value())));
            }
            for (Future<?> ack : sent) {
                ack.get(120, TimeUnit.SECONDS);
            }
        }
    }
}

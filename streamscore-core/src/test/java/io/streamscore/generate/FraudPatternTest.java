package io.streamscore.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fraud pattern breaks ordinary habits in its own, learnable way. */
class FraudPatternTest {
    private static final GeneratorConfig CONFIG = GeneratorConfig.builder().seed(9).eventsPerSecond(100).clean()
            .fraudShares(0.02, 0.01, 0.01).build();
    private static List<JsonNode> ordinary;
    private static Map<FraudPattern, List<JsonNode>> fraud;

    @BeforeAll
    static void generate() {
        ordinary = new ArrayList<>();
        fraud = new HashMap<>();
        for (GeneratedRecord record : GeneratorTestKit.only(GeneratorTestKit.take(CONFIG, 100_000),
                GeneratedStream.TRANSACTIONS)) {
            JsonNode json = GeneratorTestKit.json(record);
            if (record.fraud()) {
                fraud.computeIfAbsent(record.pattern(), p -> new ArrayList<>()).add(json);
            } else {
                ordinary.add(json);
            }
        }
    }

    @Test
    void cardTestingIsABurstOfSmallAmountsOnOneCardAtManyMerchantsWithinTwoMinutes() {
        // Each burst uses one fraudster device; bursts still running when the sample ends are left out.
        long sampleEnd = time(ordinary.get(ordinary.size() - 1));
        Map<String, List<JsonNode>> bursts = fraud.get(FraudPattern.CARD_TESTING).stream()
                .collect(Collectors.groupingBy(t -> t.get("device_id").asText()));
        bursts.values().removeIf(b -> time(b.get(0)) > sampleEnd - 2 * FraudBurst.CARD_TESTING_MAX_SPAN_MS);

        assertThat(bursts).hasSizeGreaterThan(20);
        for (List<JsonNode> burst : bursts.values()) {
            assertThat(distinct(burst, "card_id")).isOne();
            assertThat(burst).hasSizeBetween(FraudBurst.CARD_TESTING_MIN, FraudBurst.CARD_TESTING_MAX);
            assertThat(burst).allSatisfy(t -> assertThat(t.get("amount").asDouble()).isBetween(0.5, 5.0));
            long span = time(burst.get(burst.size() - 1)) - time(burst.get(0));
            assertThat(span).isLessThanOrEqualTo((long) (FraudBurst.CARD_TESTING_MAX_SPAN_MS * 1.5));
            assertThat(distinct(burst, "merchant_id")).isGreaterThan(burst.size() / 2);
        }
    }

    @Test
    void accountTakeoverComesFromANewDeviceInAFraudCountryForHighAmounts() {
        Map<String, Set<String>> knownDevices = new HashMap<>();
        Map<String, Double> usualAmount = new HashMap<>();
        for (JsonNode t : ordinary) {
            knownDevices.computeIfAbsent(t.get("user_id").asText(), u -> new HashSet<>()).add(t.get("device_id")
                    .asText());
            usualAmount.merge(t.get("user_id").asText(), t.get("amount").asDouble(), Math::max);
        }
        List<JsonNode> takeovers = fraud.get(FraudPattern.ACCOUNT_TAKEOVER);

        assertThat(takeovers).hasSizeGreaterThan(200).allSatisfy(t -> {
            String user = t.get("user_id").asText();
            assertThat(HomeCountry.FRAUD_ORIGINS).contains(t.get("country").asText());
            assertThat(knownDevices.getOrDefault(user, Set.of())).doesNotContain(t.get("device_id").asText());
        });
        assertThat(median(takeovers)).isGreaterThan(5 * median(ordinary));
    }

    @Test
    void merchantRingTakesElevatedPaymentsFromManyUsersAtFewMerchants() {
        List<JsonNode> ring = fraud.get(FraudPattern.MERCHANT_RING);

        assertThat(distinct(ring, "merchant_id")).isLessThanOrEqualTo(Math.max(3, CONFIG.merchants() / 200));
        assertThat(distinct(ring, "user_id")).isGreaterThan(ring.size() / 4);
        assertThat(median(ring)).isGreaterThan(3 * median(ordinary));
        assertThat(ring).allSatisfy(t -> assertThat(HomeCountry.FRAUD_ORIGINS)
                .doesNotContain(t.get("country").asText()));
    }

    @Test
    void ordinaryPaymentsStayAtHomeOnKnownHabits() {
        long abroad = ordinary.stream().filter(t -> HomeCountry.FRAUD_ORIGINS.contains(t.get("country").asText()))
                .count();

        assertThat(abroad).isZero();
        assertThat(median(ordinary)).isBetween(10.0, 100.0);
    }

    private static long time(JsonNode transaction) {
        return transaction.get("event_time").asLong();
    }

    private static long distinct(List<JsonNode> transactions, String field) {
        return transactions.stream().map(t -> t.get(field).asText()).distinct().count();
    }

    private static double median(List<JsonNode> transactions) {
        double[] amounts = transactions.stream().mapToDouble(t -> t.get("amount").asDouble()).sorted().toArray();
        return amounts[amounts.length / 2];
    }
}

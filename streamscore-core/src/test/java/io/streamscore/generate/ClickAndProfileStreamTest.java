package io.streamscore.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.event.EventCodec;
import io.streamscore.event.MalformedRecordException;
import io.streamscore.spec.Format;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The side streams: click sessions with bots among them, and the users table as CDC changes. */
class ClickAndProfileStreamTest {
    private static final GeneratorConfig CONFIG = GeneratorConfig.builder().seed(13).eventsPerSecond(100)
            .clicksPerTransaction(2.0).botSessionShare(0.05).profiles(true).build();
    private static List<GeneratedRecord> records;

    @BeforeAll
    static void generate() {
        records = GeneratorTestKit.take(CONFIG, 150_000);
    }

    @Test
    void clicksComeAtTheConfiguredRatioToTransactions() {
        double clicks = GeneratorTestKit.only(records, GeneratedStream.CLICKS).size();
        double transactions = GeneratorTestKit.only(records, GeneratedStream.TRANSACTIONS).size();

        // Bot sessions are long (30-120 clicks), so the ratio varies more than a plain count would.
        assertThat(clicks / transactions).isBetween(1.6, 2.4);
    }

    @Test
    void botSessionsFireManyClicksAMinuteMostlyFailedLogins() {
        Map<String, List<JsonNode>> sessions = GeneratorTestKit.only(records, GeneratedStream.CLICKS).stream()
                .map(GeneratorTestKit::json).collect(Collectors.groupingBy(c -> c.get("session_id").asText()));
        Set<String> botSessions = GeneratorTestKit.only(records, GeneratedStream.CLICKS).stream()
                .filter(GeneratedRecord::fraud).map(r -> GeneratorTestKit.json(r).get("session_id").asText())
                .collect(Collectors.toSet());

        assertThat(botSessions).isNotEmpty();
        for (Map.Entry<String, List<JsonNode>> session : sessions.entrySet()) {
            List<JsonNode> clicks = session.getValue();
            long failed = clicks.stream().filter(c -> c.get("action").asText().equals("login_failed")).count();
            if (botSessions.contains(session.getKey()) && clicks.size() >= 20) {
                assertThat(clicksPerMinute(clicks)).isGreaterThan(30);
                assertThat(failed).isGreaterThan(clicks.size() / 2);
            } else if (!botSessions.contains(session.getKey()) && clicks.size() >= 3) {
                assertThat(failed).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void eachUserGetsASnapshotBeforeTheirFirstRecordAndChangesCarryBeforeAndAfter() {
        Set<String> withRow = new HashSet<>();
        Map<String, Integer> ops = new HashMap<>();
        for (GeneratedRecord record : records) {
            if (record.stream() == GeneratedStream.PROFILES) {
                JsonNode change = GeneratorTestKit.json(record);
                String op = change.get("op").asText();
                ops.merge(op, 1, Integer::sum);
                assertThat(change.get("before").isNull()).as("before of %s", op).isEqualTo(op.equals("r")
                        || op.equals("c"));
                assertThat(change.get("after").isNull()).as("after of %s", op).isEqualTo(op.equals("d"));
                if (op.equals("d")) {
                    withRow.remove(record.key());
                } else {
                    withRow.add(record.key());
                }
            } else if (record.stream() == GeneratedStream.TRANSACTIONS && record.key() != null) {
                assertThat(withRow).as("profile row of %s", record.key()).contains(record.key());
            }
        }
        assertThat(ops).containsKeys("r", "u", "d");
    }

    @Test
    void everySideStreamRecordDecodesWithItsStreamsCodec() throws MalformedRecordException {
        for (Format format : Format.values()) {
            List<GeneratedRecord> sample = GeneratorTestKit.take(CONFIG.toBuilder().format(format)
                    .labelTimeScale(1440).build(), 20_000);
            Map<GeneratedStream, EventCodec> codecs = new HashMap<>();
            for (GeneratedRecord record : sample) {
                boolean decodable = record.kind() != RecordKind.MALFORMED
                        && record.stream() != GeneratedStream.PROFILES; // deletes have no after.user_id key
                if (decodable) {
                    EventCodec codec = codecs.computeIfAbsent(record.stream(), s -> s.codec(format));
                    assertThat(codec.decode(record.value(), 0L).eventTime).isEqualTo(record.eventTime());
                }
            }
            assertThat(sample).extracting(GeneratedRecord::stream).contains(GeneratedStream.values());
        }
    }

    private static double clicksPerMinute(List<JsonNode> clicks) {
        long span = clicks.get(clicks.size() - 1).get("event_time").asLong() - clicks.get(0).get("event_time")
                .asLong();
        return clicks.size() * 60_000.0 / Math.max(1, span);
    }
}

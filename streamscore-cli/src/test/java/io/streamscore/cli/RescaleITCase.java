package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.RecordKind;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rescaling: three runs of one work dir, each stopped once its input is committed and resumed from the newest
 * checkpoint by the next with another {@code runtime.parallelism} (2, then 1, then 3 subtasks over 2 partitions), as a
 * user edits the spec and runs {@code run --resume-from latest}. Flink redistributes keyed state by key group; the
 * late-event router's watermark floor and the sources' offsets are operator state. Every record lands in exactly one
 * output once, and each card's count over the day, scored with payments in event-time order, is exactly 1..n: a key's
 * state lost or duplicated by the redistribution would restart or repeat a count. The user group runs after the card
 * shuffle (groups keyed by the source's key run last), where a user's payments from two card subtasks arrive in either
 * order, so its counts are checked for what that order cannot change (below).
 */
class RescaleITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 6_000;
    private static final int[] PARALLELISM = {2, 1, 3};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void keyedStateFollowsItsKeysWhenTheParallelismChanges(String backend, @TempDir Path workDir)
            throws Exception {
        GeneratedInput input = GeneratedInput.transactions(
                inputConfig("json").outOfOrder(0, Duration.ofSeconds(1)).build(), TRANSACTIONS);
        List<PipelineSpec> specs = Arrays.stream(PARALLELISM).mapToObj(p -> countingSpec(backend, p)).toList();
        Map<String, String> cards = cardsByEventId(input);
        resumedRuns(workDir, input, specs, (reader, outputs) -> {
            assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
            List<ConsumerRecord<byte[], byte[]>> scores = reader.records(outputs.scoresTopic());
            assertCountsRunOneToN(countsByKey(scores, "card_tx_1d",
                    score -> cards.get(score.get("event_id").asText())), "card_tx_1d");
            assertCountsNearlyOneToN(countsByKey(scores, "user_tx_1d", score -> score.get("key").asText()));
        });
    }

    /** The test spec with a day's count per user and per card, on {@code backend} with {@code parallelism}. */
    private static PipelineSpec countingSpec(String backend, int parallelism) {
        String runtime = "  parallelism: %d\n  state_backend: %s\n".formatted(parallelism, backend);
        PipelineSpec spec = SpecLoader.parse(specYaml("json")
                .replace("  parallelism: 2\n  state_backend: hashmap\n", runtime) + """
                features:
                  - name: user_tx_1d
                    key: user_id
                    aggregation: count
                    window: 1d
                  - name: card_tx_1d
                    key: card_id
                    aggregation: count
                    window: 1d
                """, Path.of("."));
        assertThat(spec.runtime().parallelism()).isEqualTo(parallelism);
        return spec;
    }

    private static Map<String, String> cardsByEventId(GeneratedInput input) throws Exception {
        Map<String, String> cards = new HashMap<>();
        for (GeneratedRecord record : input.records()) {
            if (record.kind() != RecordKind.MALFORMED) {
                JsonNode value = JSON.readTree(record.value());
                cards.put(record.eventId(), value.get("card_id").asText());
            }
        }
        return cards;
    }

    /**
     * Counts of payments that may arrive out of event-time order: a payment counts those of its key at or before
     * its time that arrived before it, so none exceeds the key's n (a replayed payment counted twice would), and in
     * all they come to nearly 1 + 2 + ... + n per key (a key whose state restarted at a rescale would lose about
     * half: its later payments count from 1 again; arrival order costs the pairs it inverts, 0.1-0.4% here).
     */
    private static void assertCountsNearlyOneToN(Map<String, List<Long>> countsByKey) {
        double counted = 0;
        double inOrder = 0;
        for (Map.Entry<String, List<Long>> key : countsByKey.entrySet()) {
            long n = key.getValue().size();
            assertThat(key.getValue()).as("user_tx_1d of %s's %d payments", key.getKey(), n)
                    .allSatisfy(count -> assertThat(count).isBetween(1L, n));
            counted += key.getValue().stream().mapToLong(Long::longValue).sum();
            inOrder += n * (n + 1) / 2.0;
        }
        assertThat(counted / inOrder).as("user_tx_1d summed over all payments, over 1 + 2 + ... + n per user")
                .isGreaterThan(0.98);
    }
}

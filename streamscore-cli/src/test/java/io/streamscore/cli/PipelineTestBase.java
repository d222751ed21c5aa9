package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.CheckpointLocator;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.sink.DeadLetterEncoder;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.LongStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Vocabulary of the pipeline ITCases: a small test spec, generated input, and the no-loss/no-duplicate checks. */
abstract class PipelineTestBase {
    /** 2026-01-01T00:00:00Z: generated event times start here. */
    static final long T0 = 1_767_225_600_000L;
    static final ObjectMapper JSON = new ObjectMapper();

    static PipelineSpec spec(String format) {
        return SpecLoader.parse(specYaml(format), Path.of("."));
    }

    /** The YAML of {@link #spec}, for tests that add a section to it. */
    static String specYaml(String format) {
        return """
                name: it-pipeline
                kafka:
                  bootstrap: embedded
                sources:
                  transactions:
                    topic: transactions
                    schema: transaction
                    format: %s
                    key: user_id
                    event_time: event_time
                    max_out_of_orderness: 5s
                    idleness: 5s
                    allowed_lateness: 30s
                """.formatted(format) + OUTPUTS_AND_RUNTIME_YAML;
    }

    /** The test specs' outputs (exactly-once, 500 ms checkpoints) and runtime (2 subtasks, heap state). */
    static final String OUTPUTS_AND_RUNTIME_YAML = """
            outputs:
              scores_topic: scores
              alerts_topic: alerts
              late_topic: late-events
              dead_letter_topic: dead-letters
              guarantee: exactly_once
              checkpoint_interval: 500ms
            runtime:
              parallelism: 2
              state_backend: hashmap
            """;

    /** Disorder inside the 5 s bound, too-late events 2 h behind (far beyond 5 s + 30 s), 3% malformed. */
    static GeneratorConfig.Builder inputConfig(String format) {
        return GeneratorConfig.builder()
                .seed(7)
                .startTime(T0)
                .eventsPerSecond(200)
                .format(io.streamscore.spec.Format.valueOf(format.toUpperCase()))
                .outOfOrder(0.05, Duration.ofSeconds(4))
                .tooLate(0.02, Duration.ofHours(2))
                .warmupEvents(300)
                .malformedShare(0.03);
    }

    static TopicReader readOutputs(String bootstrap, OutputsSpec outputs) {
        return new TopicReader(bootstrap,
                List.of(outputs.scoresTopic(), outputs.lateTopic(), outputs.deadLetterTopic()));
    }

    /** Reads until the expected counts arrive, then a few more checkpoints' worth, to catch duplicates. */
    static void awaitOutputs(TopicReader reader, OutputsSpec outputs, GeneratedInput input, Duration timeout) {
        reader.readUntil(Map.of(
                outputs.scoresTopic(), input.expectedScoredIds().size(),
                outputs.lateTopic(), input.expectedLateIds().size(),
                outputs.deadLetterTopic(), input.malformed().size()), timeout);
        reader.readFor(Duration.ofSeconds(3));
    }

    /**
     * Produces {@code input} to the {@code transactions} topic and waits for its outputs as {@link #awaitOutputs}
     * does; returns the seconds from the produce to the expected outputs (the duplicate check's wait included).
     */
    static double produceAndAwaitOutputs(String bootstrap, TopicReader reader, OutputsSpec outputs,
                                         GeneratedInput input) throws Exception {
        input.produce(bootstrap, "transactions");
        long started = System.nanoTime();
        awaitOutputs(reader, outputs, input, Duration.ofSeconds(60));
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * Every valid event scored exactly once, every late one in the late topic, every malformed one dead-lettered with
     * its reason.
     */
    static void assertEveryRecordInExactlyOneOutputOnce(TopicReader reader, OutputsSpec outputs, GeneratedInput input) {
        List<String> scored = eventIds(reader.records(outputs.scoresTopic()));
        assertThat(scored).doesNotHaveDuplicates();
        assertThat(scored).containsExactlyInAnyOrderElementsOf(input.expectedScoredIds());

        List<String> late = eventIds(reader.records(outputs.lateTopic()));
        assertThat(late).doesNotHaveDuplicates();
        assertThat(late).containsExactlyInAnyOrderElementsOf(input.expectedLateIds());

        assertDeadLettersCarryTheirReasons(reader.records(outputs.deadLetterTopic()), input.malformed());
    }

    private static void assertDeadLettersCarryTheirReasons(List<ConsumerRecord<byte[], byte[]>> deadLetters,
                                                           List<GeneratedRecord> malformed) {
        Map<String, List<String>> expectedReasonsByPayload = new HashMap<>();
        for (GeneratedRecord record : malformed) {
            expectedReasonsByPayload.computeIfAbsent(Arrays.toString(record.value()), k -> new ArrayList<>())
                    .add(record.malformedReason().code());
        }
        Map<String, List<String>> actual = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
            assertThat(header(record, DeadLetterEncoder.TOPIC)).isEqualTo("transactions");
            assertThat(header(record, DeadLetterEncoder.OFFSET)).isNotBlank();
            assertThat(header(record, DeadLetterEncoder.DETAIL)).isNotBlank();
            actual.computeIfAbsent(Arrays.toString(record.value()), k -> new ArrayList<>())
                    .add(header(record, DeadLetterEncoder.REASON));
        }
        assertThat(actual).hasSameSizeAs(expectedReasonsByPayload);
        expectedReasonsByPayload.forEach((payload, reasons) ->
                assertThat(actual.get(payload)).as("dead letters for payload %s", payload)
                        .containsExactlyInAnyOrderElementsOf(reasons));
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static List<String> eventIds(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(PipelineTestBase::json).map(node -> node.get("event_id").asText()).toList();
    }

    static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new AssertionError("output is not JSON: " + new String(record.value(), StandardCharsets.UTF_8), e);
        }
    }

    /** Writes the input over a few seconds, so the failure lands while data is still arriving. */
    static void produceInSlices(String bootstrap, List<GeneratedRecord> records, int slices, Duration pause)
            throws Exception {
        int size = (records.size() + slices - 1) / slices;
        for (int from = 0; from < records.size(); from += size) {
            GeneratedInput.produce(bootstrap, "transactions",
                    records.subList(from, Math.min(records.size(), from + size)));
            Thread.sleep(pause.toMillis());
        }
    }

    /** A feature's value in each score, grouped by the key {@code keyOf} gives the score, in the scores' order. */
    static Map<String, List<Long>> countsByKey(List<ConsumerRecord<byte[], byte[]>> scores, String feature,
                                               Function<JsonNode, String> keyOf) {
        Map<String, List<Long>> countsByKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : scores) {
            JsonNode score = json(record);
            countsByKey.computeIfAbsent(keyOf.apply(score), key -> new ArrayList<>())
                    .add(score.get("features").get(feature).asLong());
        }
        return countsByKey;
    }

    /**
     * Each key's counts, sorted, are exactly 1, 2, ..., n over its n scored payments (a count over the day as of
     * each payment, the payments in event-time order): a key's state lost or replayed twice would repeat a count.
     */
    static void assertCountsRunOneToN(Map<String, List<Long>> countsByKey, String feature) {
        int withHistory = 0;
        for (Map.Entry<String, List<Long>> key : countsByKey.entrySet()) {
            List<Long> counts = key.getValue().stream().sorted().toList();
            assertThat(counts).as("%s of %s's payments, sorted", feature, key.getKey())
                    .isEqualTo(LongStream.rangeClosed(1, counts.size()).boxed().toList());
            withHistory += counts.size() > 1 ? 1 : 0;
        }
        assertThat(withHistory).as("keys of %s with more than one payment", feature).isGreaterThan(100);
    }

    /** What a test checks on the outputs after the last of {@link #resumedRuns}. */
    interface OutputsCheck {
        void check(TopicReader reader, OutputsSpec outputs) throws Exception;
    }

    /**
     * Runs {@code specs} one after another on one work dir, each on its share of {@code input} (in order), each after
     * the first resuming from the newest checkpoint of the one before ({@code run --resume-from latest} with an edited
     * spec). A run stops once the outputs of the input so far are committed, so the next resumes with none of it in
     * flight: a checkpoint taken before the first watermark holds no watermark floor, and the too-late records
     * replayed from it would be judged only by their keys' states (README, "Events and formats"), so scored. After
     * the last run has put out everything, {@code check} looks at the outputs.
     */
    static void resumedRuns(Path workDir, GeneratedInput input, List<PipelineSpec> specs, OutputsCheck check)
            throws Exception {
        int size = input.records().size();
        Path resumeFrom = null;
        for (int run = 0; run < specs.size(); run++) {
            int to = size * (run + 1) / specs.size();
            boolean last = run == specs.size() - 1;
            try (LocalRuntime runtime = LocalRuntime.start(specs.get(run), new LocalRuntime.Options(workDir, 2))) {
                OutputsSpec outputs = runtime.spec().outputs();
                runtime.startJob(List.of(), resumeFrom);
                GeneratedInput.produce(runtime.bootstrapServers(), "transactions",
                        input.records().subList(size * run / specs.size(), to));
                try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                    awaitOutputs(reader, outputs, new GeneratedInput(input.records().subList(0, to)),
                            Duration.ofSeconds(120));
                    if (last) {
                        check.check(reader, outputs);
                        return;
                    }
                }
                runtime.stopJob();
                resumeFrom = CheckpointLocator.latestComplete(outputs.checkpointDir()).orElseThrow();
            }
        }
    }
}

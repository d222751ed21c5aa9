package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.cli.testing.TreeModels;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.CanaryAssignment;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary guard's evidence survives a savepoint through a real job: the fraud pipeline (MiniCluster, embedded
 * broker, parallelism 2) scores with champion 1 and a drifting canary 2 whose {@code min_events} lies beyond what
 * the first run feeds, is stopped with a savepoint, resumed from it, and fed the rest. {@code min_events} is also
 * beyond what the second run alone feeds any subtask, so the rollback can only come from the restored counts: the
 * subtask that judges has let the canary decide exactly {@code min_events} events across both runs. The outputs
 * hold every record exactly once across the stop.
 */
class CanaryEvidenceRestoreITCase extends PipelineTestBase {
    private static final String MODEL = "fraud";
    private static final int TRANSACTIONS = 4_000;
    private static final int PARALLELISM = 2;
    private static final double[] CANARY_SHARE = {0.3};
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void guardContinuesCountingFromTheSavepointAndRollsBackAtMinEventsAcrossBothRuns(@TempDir Path dir)
            throws Exception {
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").users(100).build(), TRANSACTIONS);
        GeneratedInput first = new GeneratedInput(input.records().subList(0, TRANSACTIONS / 2));
        GeneratedInput second = new GeneratedInput(input.records().subList(TRANSACTIONS / 2, TRANSACTIONS));
        long[] firstRun = canaryEventsPerSubtask(first);
        long[] secondRun = canaryEventsPerSubtask(second);
        long minEvents = minEventsMidwaySecondRun(firstRun, secondRun);
        ModelRegistry registry = registryWithDriftingCanary(dir);
        PipelineSpec spec = fraudSpecWithCanaryGuard(dir, registry, minEvents);

        try (LocalRuntime runtime = LocalRuntime.start(spec, new LocalRuntime.Options(dir.resolve("run"), PARALLELISM));
             TopicReader reader = new TopicReader(runtime.bootstrapServers(), outputTopics(runtime.spec()))) {
            OutputsSpec outputs = runtime.spec().outputs();
            String kafka = runtime.bootstrapServers();
            JobClient firstJob = runtime.startJob(List.of());
            first.produce(kafka, "transactions");
            awaitOutputs(reader, outputs, first, TIMEOUT);
            assertThat(registry.rollout(MODEL).challengers()).as("the canary is not judged before the stop").hasSize(1);
            assertThat(canaryDecisionsPerSubtask(reader, outputs)).as("every first-run canary event")
                    .containsExactly(firstRun);

            String savepoint = firstJob.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
            runtime.startJob(List.of(), Path.of(URI.create(savepoint)));
            second.produce(kafka, "transactions");
            awaitOutputs(reader, outputs, input, TIMEOUT);
            // The judging subtask updates the registry and the control topic before it scores its next event.
            assertThat(registry.rollout(MODEL).challengers()).as("the canary rolled back during the second run")
                    .isEmpty();
            reader.readUntil(Map.of(controlTopic(runtime.spec()), 1), Duration.ofSeconds(10));

            assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
            assertRolledBackAtMinEventsAcrossBothRuns(reader, runtime.spec(), minEvents, firstRun);
        }
    }

    /**
     * {@code min_events} for the busiest subtask: its first-run canary events plus half its second-run ones. Checks
     * that it is beyond what either run alone feeds any subtask, so neither a guard before the stop nor a guard that
     * restarted from zero after it could reach it.
     */
    private static long minEventsMidwaySecondRun(long[] firstRun, long[] secondRun) {
        long minEvents = 0;
        for (int subtask = 0; subtask < PARALLELISM; subtask++) {
            minEvents = Math.max(minEvents, firstRun[subtask] + secondRun[subtask] / 2);
        }
        for (int subtask = 0; subtask < PARALLELISM; subtask++) {
            assertThat(firstRun[subtask]).as("first-run canary events of subtask %d", subtask).isLessThan(minEvents);
            assertThat(secondRun[subtask]).as("second-run canary events of subtask %d", subtask).isLessThan(minEvents);
        }
        assertThat(Arrays.stream(secondRun).min().orElseThrow()).as("second-run canary events").isGreaterThan(50);
        return minEvents;
    }

    /**
     * The judging subtask let the canary decide exactly {@code min_events} events over both runs (all of them PSI
     * evidence, half of them from the savepoint), no subtask more, each at least its first-run ones; the reason on
     * the control topic names the count.
     */
    private static void assertRolledBackAtMinEventsAcrossBothRuns(TopicReader reader, PipelineSpec spec,
                                                                  long minEvents, long[] firstRun) throws Exception {
        long[] decided = canaryDecisionsPerSubtask(reader, spec.outputs());
        assertThat(Arrays.stream(decided).max().orElseThrow()).as("canary decisions of the judging subtask, %s",
                Arrays.toString(decided)).isEqualTo(minEvents);
        for (int subtask = 0; subtask < PARALLELISM; subtask++) {
            assertThat(decided[subtask]).as("canary decisions of subtask %d", subtask)
                    .isBetween(firstRun[subtask], minEvents);
        }
        ModelControlMessage removal = ModelControlMessage.fromJson(new String(
                reader.records(controlTopic(spec)).get(0).value(), StandardCharsets.UTF_8));
        assertThat(removal.type()).isEqualTo(ModelControlMessage.Type.REMOVE_CHALLENGER);
        assertThat(removal.reason()).contains("automatic rollback", "PSI", "over " + minEvents + " events");
    }

    /**
     * Scored events per scoring subtask whose key the canary decides for (scoring is keyed by the user, as features).
     */
    private static long[] canaryEventsPerSubtask(GeneratedInput input) {
        Set<String> scored = input.expectedScoredIds();
        long[] counts = new long[PARALLELISM];
        input.records().stream().filter(record -> scored.contains(record.eventId()))
                .map(GeneratedRecord::key).filter(CanaryEvidenceRestoreITCase::canaryKey)
                .forEach(key -> counts[subtaskOf(key)]++);
        return counts;
    }

    private static long[] canaryDecisionsPerSubtask(TopicReader reader, OutputsSpec outputs) {
        long[] counts = new long[PARALLELISM];
        reader.records(outputs.scoresTopic()).stream().map(PipelineTestBase::json)
                .filter(score -> score.get("model_version").asText().equals("2"))
                .map(score -> score.get("key").asText())
                .forEach(key -> {
                    assertThat(canaryKey(key)).as("canary decided for a key outside its share: %s", key).isTrue();
                    counts[subtaskOf(key)]++;
                });
        return counts;
    }

    private static boolean canaryKey(String key) {
        return CanaryAssignment.canaryOf(key, CANARY_SHARE) == 0;
    }

    private static int subtaskOf(String key) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(key,
                KeyGroupRangeAssignment.computeDefaultMaxParallelism(PARALLELISM), PARALLELISM);
    }

    /** Champion 1 (0.2 / 0.8 by amount) and canary 2 scoring 0.97 / 0.98: its PSI against the champion is huge. */
    private static ModelRegistry registryWithDriftingCanary(Path dir) throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("models"));
        TreeModels.register(registry, MODEL, 0.2, 0.8, true, dir);
        TreeModels.register(registry, MODEL, 0.97, 0.98, true, dir);
        registry.promote(MODEL, 1, "champion");
        registry.setChallenger(MODEL, 2, ChallengerMode.CANARY, CANARY_SHARE[0]);
        return registry;
    }

    /** The fraud example with the model section; the guard judges PSI only (a latency spike must not decide). */
    private static PipelineSpec fraudSpecWithCanaryGuard(Path dir, ModelRegistry registry, long minEvents)
            throws Exception {
        PipelineSpec fraud = ClusterTestBase.load(ClusterTestBase.fraudSpec(dir, 5));
        ModelSpec.Rollback rollback = new ModelSpec.Rollback(0.25, minEvents, Duration.ofSeconds(30));
        return fraud.withModel(new ModelSpec(registry.root().toString(), MODEL, 0.5,
                ModelSpec.defaultControlTopic(MODEL), ModelSpec.defaultShadowTopic(fraud.outputs().scoresTopic()),
                false, rollback));
    }

    private static String controlTopic(PipelineSpec spec) {
        return spec.model().orElseThrow().controlTopic();
    }

    private static List<String> outputTopics(PipelineSpec spec) {
        OutputsSpec outputs = spec.outputs();
        return List.of(outputs.scoresTopic(), outputs.lateTopic(), outputs.deadLetterTopic(), controlTopic(spec));
    }
}

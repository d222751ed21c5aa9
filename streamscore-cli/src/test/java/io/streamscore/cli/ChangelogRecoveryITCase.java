package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.dashboard.MetricSample;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.FailOnceAfterCheckpoint;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.EventStage;
import io.streamscore.spec.ChangelogSpec;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime.changelog} on the heap backend. The feature operators change each key's state in place and write
 * the changed keys back once per checkpoint, which is the only way a change reaches the log. The job fails once
 * mid-stream and restores from the newest materialization (every second here, so several run while payments are
 * processed and changed in place) plus the log after it. The outputs hold every record exactly once, and each user's
 * count over the day, scored with payments in event-time order, is exactly 1, 2, ..., n over its n scored payments:
 * a change lost between a materialization and the failure, or replayed twice, would repeat or skip a count.
 */
class ChangelogRecoveryITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 6_000;
    private static final String FAILURE = "changelog-recovery";

    @Test
    void heapStatesChangedInPlaceSurviveAFailureThroughTheChangelog(@TempDir Path workDir) throws Exception {
        PipelineSpec spec = countingSpec(true);
        GeneratedInput input = inEventTimeOrder();
        EventStage failOnce = events -> events.map(new FailOnceAfterCheckpoint(FAILURE, 2_500))
                .name("fail once (test)");

        try (LocalRuntime runtime = LocalRuntime.start(spec, new LocalRuntime.Options(workDir, 2))) {
            runtime.startJob(List.of(failOnce));
            OutputsSpec outputs = runtime.spec().outputs();
            produceInSlices(runtime.bootstrapServers(), input.records(), 12, Duration.ofMillis(500));
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));

                assertThat(FailOnceAfterCheckpoint.failed(FAILURE)).as("the injected failure happened").isTrue();
                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                assertUserCountsRunOneToN(reader.records(outputs.scoresTopic()));
            }
            List<MetricSample> metrics = new MetricsScraper(runtime.metricsUrl()).scrape();
            assertThat(MetricsEndpointITCase.value(metrics, "streamscore_feature_events_total",
                    MetricsEndpointITCase.any())).as("payments that got features").isPositive();
            assertThat(metrics).as("no state cache: the heap's states are changed in place")
                    .noneMatch(sample -> sample.name().startsWith("streamscore_feature_state_reads"));
        }
        // The log's files (changelog/<job>/dstl/<uuid>) are deleted once a materialization covers them.
        try (Stream<Path> logged = Files.walk(workDir.resolve("checkpoints").resolve("changelog"))) {
            assertThat(logged.filter(Files::isDirectory).map(Path::getFileName).map(Path::toString))
                    .as("the changelog's directory beside the checkpoints").contains("dstl");
        }
    }

    /**
     * Turning the changelog off and on again between runs of the same work dir ({@code run --resume-from latest}
     * with an edited spec): each run resumes from the newest checkpoint of the one before, taken with the other
     * setting, and the counts still run 1..n with every record in exactly one output once.
     */
    @Test
    void aCheckpointResumesWithTheChangelogTurnedOffAndOnAgain(@TempDir Path workDir) throws Exception {
        GeneratedInput input = inEventTimeOrder();
        resumedRuns(workDir, input, List.of(countingSpec(true), countingSpec(false), countingSpec(true)),
                (reader, outputs) -> {
                    assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                    assertUserCountsRunOneToN(reader.records(outputs.scoresTopic()));
                });
    }

    /** In event-time order: a user's count as of each payment is then its position among the user's payments. */
    private static GeneratedInput inEventTimeOrder() {
        return GeneratedInput.transactions(inputConfig("json").outOfOrder(0, Duration.ofSeconds(1)).build(),
                TRANSACTIONS);
    }

    /** The test spec with a day's count per user, on the heap, with or without the changelog. */
    private static PipelineSpec countingSpec(boolean changelog) {
        String runtime = changelog ? """
                  state_backend: hashmap
                  changelog: true
                  changelog_materialization: 1s
                """ : "  state_backend: hashmap\n";
        PipelineSpec spec = SpecLoader.parse(specYaml("json").replace("  state_backend: hashmap\n", runtime) + """
                features:
                  - name: user_tx_1d
                    key: user_id
                    aggregation: count
                    window: 1d
                """, Path.of("."));
        assertThat(spec.runtime().changelog())
                .isEqualTo(changelog ? ChangelogSpec.on(Duration.ofSeconds(1)) : ChangelogSpec.OFF);
        return spec;
    }

    private static void assertUserCountsRunOneToN(List<ConsumerRecord<byte[], byte[]>> scores) {
        assertCountsRunOneToN(countsByKey(scores, "user_tx_1d", score -> score.get("key").asText()), "user_tx_1d");
    }
}

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.FailOnceAfterCheckpoint;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.EventStage;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failure mid-stream: the job throws once, after a checkpoint has completed and while input is still arriving,
 * restarts from that checkpoint, and the read_committed outputs still hold every record exactly once.
 */
class FailureRecoveryITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 6_000;
    private static final String FAILURE = "failure-recovery";

    @Test
    void forcedFailureMidStreamRestartsFromCheckpointWithoutLossOrDuplicates() throws Exception {
        PipelineSpec spec = spec("json");
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
        EventStage failOnce = events -> events.map(new FailOnceAfterCheckpoint(FAILURE, 1_000))
                .name("fail once (test)");

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            runtime.startJob(List.of(failOnce));
            OutputsSpec outputs = runtime.spec().outputs();
            produceInSlices(runtime.bootstrapServers(), input.records(), 10, Duration.ofMillis(400));
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));

                assertThat(FailOnceAfterCheckpoint.failed(FAILURE)).as("the injected failure happened").isTrue();
                assertThat(FailOnceAfterCheckpoint.checkpointsBeforeFailure(FAILURE))
                        .as("a checkpoint completed before the failure").isPositive();
                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
            }
            assertThat(MetricsEndpointITCase.value(new MetricsScraper(runtime.metricsUrl()).scrape(),
                    "streamscore_job_restarts", MetricsEndpointITCase.any()))
                    .as("restarts of the job on the metrics endpoint").isEqualTo(1);
        }
    }
}

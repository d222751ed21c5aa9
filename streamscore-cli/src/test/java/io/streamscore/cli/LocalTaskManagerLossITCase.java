package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.streamscore.cli.cluster.FlinkRestClient;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.FailOnceAfterCheckpoint;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.LoggedFailures;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.EventStage;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A local run loses its TaskManager mid-stream: a stage fails after a checkpoint and then throws again while its
 * failed task cleans up, which Flink 2.3 treats as fatal ("FATAL - exception in exception handler"), so the
 * MiniCluster ends that TaskManager. The run's supervisor starts a new one, the job restarts from its checkpoint,
 * and the read_committed outputs hold every record exactly once. Without the supervisor the job waits for slots for
 * ever and this fails at "the job runs again".
 */
class LocalTaskManagerLossITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 6_000;
    private static final String FAILURE = "local-taskmanager-loss";
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Test
    void taskManagerEndedByAFatalCleanupErrorIsReplacedAndNothingIsLostOrRepeated() throws Exception {
        PipelineSpec spec = spec("json");
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
        EventStage failFatally = events -> events.map(FailOnceAfterCheckpoint.withFailingCleanup(FAILURE, 1_000))
                .name("fail once, and fail the cleanup (test)");

        URI restApi;
        LoggedFailures logged = LoggedFailures.capture();
        try (logged; LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            restApi = URI.create(runtime.flinkRestUrl());
            String jobId = runtime.startJob(List.of(failFatally)).getJobID().toHexString();
            OutputsSpec outputs = runtime.spec().outputs();
            produceInSlices(runtime.bootstrapServers(), input.records(), 10, Duration.ofMillis(400));
            awaitRunningAfterFailure(new FlinkRestClient(runtime.flinkRestUrl()), jobId);

            assertThat(logged.failures()).as("the failed task's cleanup threw (Flink logs it as fatal)")
                    .anyMatch(failure -> failure.contains("injected cleanup failure '" + FAILURE + "'"));
            assertThat(logged.warnings()).as("the supervisor replaced the TaskManager that ended")
                    .anyMatch(warning -> warning.contains("a TaskManager of the local Flink cluster ended")
                            && warning.contains("started a new one"));
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
            }
        }
        // a cluster closed under a job still being cancelled made Flink's dispatcher log the job's end as an error
        assertThat(logged.failures()).as("the run waited for its job to end before closing its cluster")
                .noneMatch(failure -> failure.contains("has already terminated"));
        assertThat(Thread.getAllStackTraces().keySet()).as("the supervisor stopped with the run")
                .noneMatch(thread -> thread.getName().equals("streamscore-taskmanager-supervisor"));
        assertThatCode(() -> new ServerSocket(restApi.getPort(), 1, InetAddress.getByName(restApi.getHost())).close())
                .as("the MiniCluster's REST port is free once the run ended").doesNotThrowAnyException();
    }

    /** Waits until the injected failure happened, the job has it in its history, and every task runs again. */
    private static void awaitRunningAfterFailure(FlinkRestClient flink, String jobId) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        FlinkRestClient.JobProgress progress = flink.progress(jobId);
        while (System.nanoTime() < deadline) {
            progress = flink.progress(jobId);
            if (FailOnceAfterCheckpoint.failed(FAILURE) && flink.newestFailure(jobId).isPresent()
                    && progress.allRunning()) {
                return;
            }
            Thread.sleep(250);
        }
        assertThat(FailOnceAfterCheckpoint.failed(FAILURE)).as("the injected failure happened").isTrue();
        throw new AssertionError("the job did not run again within " + RECOVERY.toSeconds() + " s of the failure "
                + "that ended its TaskManager (" + progress + "): no TaskManager took its place, so it waits for "
                + "slots");
    }
}

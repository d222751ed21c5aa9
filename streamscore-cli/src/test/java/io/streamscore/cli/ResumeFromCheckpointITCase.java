package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.cli.local.CheckpointLocator;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.LoggedFailures;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.flink.internal.RecordedUids;
import io.streamscore.flink.internal.StateOwners;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline is cancelled mid-stream (its open transactions die with it), then started again from its newest
 * retained checkpoint while input keeps coming, in the same process or in a new one on the same work dir: the
 * outputs still hold every record exactly once.
 */
class ResumeFromCheckpointITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 5_000;
    /** One feature group: a spec section for the tests that change other parts. */
    private static final String USER_TX_1M = """
            features:
              - name: user_tx_1m
                key: user_id
                aggregation: count
                window: 1m
            """;

    @Test
    void cancelledJobResumedFromLatestCheckpointLosesAndRepeatsNothing(@TempDir Path workDir) throws Exception {
        PipelineSpec spec = spec("json");
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
        List<GeneratedRecord> firstHalf = input.records().subList(0, TRANSACTIONS / 2);
        List<GeneratedRecord> secondHalf = input.records().subList(TRANSACTIONS / 2, TRANSACTIONS);

        try (LocalRuntime runtime = LocalRuntime.start(spec, new LocalRuntime.Options(workDir, 2))) {
            OutputsSpec outputs = runtime.spec().outputs();
            String checkpoints = outputs.checkpointDir();
            runtime.startJob(List.of());
            GeneratedInput.produce(runtime.bootstrapServers(), "transactions", firstHalf);
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> CheckpointLocator.latestComplete(checkpoints).isPresent());
            Thread.sleep(700); // let a checkpoint or two more complete, then die between checkpoints
            runtime.stopJob();

            Path resumeFrom = CheckpointLocator.latestComplete(checkpoints).orElseThrow();
            runtime.startJob(List.of(), resumeFrom);
            GeneratedInput.produce(runtime.bootstrapServers(), "transactions", secondHalf);
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));

                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
            }
        }
        assertThat(workDir.resolve("checkpoints")).isDirectory();
    }

    /**
     * {@code run --resume-from} with a spec whose state backend changed since the checkpoint (an incremental RocksDB
     * checkpoint, which the heap backend cannot read): Flink accepts the job, its tasks fail restoring their state,
     * and the restart strategy would retry forever while {@code run} went on scoring nothing. The start fails with
     * Flink's cause, and no job is left running.
     */
    @Test
    void aCheckpointWhoseStateNoLongerFitsTheSpecFailsTheStartWithFlinksCause(@TempDir Path workDir)
            throws Exception {
        String onRocksDb = specYaml("json").replace("state_backend: hashmap", "state_backend: rocksdb");
        assertThat(onRocksDb).contains("state_backend: rocksdb");
        PipelineSpec before = SpecLoader.parse(onRocksDb + USER_TX_1M, Path.of("."));
        PipelineSpec changed = SpecLoader.parse(specYaml("json") + USER_TX_1M, Path.of("."));
        Path resumeFrom = checkpointAfter500Transactions(before, workDir);

        try (LocalRuntime second = LocalRuntime.start(changed, new LocalRuntime.Options(workDir, 2))) {
            assertThatThrownBy(() -> second.startJob(List.of(), resumeFrom)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("the pipeline could not resume from " + resumeFrom + ": job ")
                    .hasMessageContaining("a different StateBackend")
                    .hasMessageContaining("The job was cancelled");
            // the job was the local cluster's only one: once it is cancelled, the cluster shuts down
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> refusesConnections(second.flinkRestUrl()));
        }
    }

    /**
     * {@code run --resume-from} with a spec whose alert rule and second feature group (by card) were removed since the
     * checkpoint: Flink would refuse the state of the first of them by its operator's hash, naming its own CLI's
     * option, and the second only on the next try. The start fails naming both parts (uid and what it is) and
     * {@code run}'s option; with {@code --allow-non-restored-state} the checkpoint resumes and a warning lists both.
     */
    @Test
    void aCheckpointWithStateOfRemovedPartsNamesEveryPartAndTheOptionThatDropsThem(@TempDir Path workDir)
            throws Exception {
        String cardFeatureAndAlerts = """
                  - name: card_tx_1m
                    key: card_id
                    aggregation: count
                    window: 1m
                alerts:
                  - name: busy_user
                    when: 'user_tx_1m >= 1'
                    cooldown: 10m
                """;
        PipelineSpec before = SpecLoader.parse(specYaml("json") + USER_TX_1M + cardFeatureAndAlerts, Path.of("."));
        PipelineSpec withoutBoth = SpecLoader.parse(specYaml("json") + USER_TX_1M, Path.of("."));
        Path resumeFrom = checkpointAfter500Transactions(before, workDir);
        String rules = "operator " + StateOwners.operatorId(OperatorIds.ALERTS) + ", uid alerts-v1: the alert rules "
                + "that do not read `score` (their cooldowns)";
        String cardUid = OperatorIds.features("transactions", List.of("card_id"));
        String cards = "operator " + StateOwners.operatorId(cardUid) + ", uid " + cardUid + ": the feature group of "
                + "source transactions keyed by card_id (its windows)";

        assertThat(RecordedUids.read(resumeFrom.toString()).byOperatorId())
                .as("the uids Flink records in the checkpoint")
                .containsEntry(StateOwners.operatorId(OperatorIds.ALERTS), OperatorIds.ALERTS)
                .containsEntry(StateOwners.operatorId(OperatorIds.source("transactions")), "source-v1-transactions");
        try (LocalRuntime second = LocalRuntime.start(withoutBoth, new LocalRuntime.Options(workDir, 2));
             LoggedFailures logged = LoggedFailures.capture()) {
            assertThatThrownBy(() -> second.startJob(List.of(), resumeFrom)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("the pipeline could not resume from " + resumeFrom + ": The savepoint "
                            + "holds state of 2 parts this spec no longer has (")
                    .hasMessageContaining(rules).hasMessageContaining(cards)
                    .hasMessageContaining("run again with --allow-non-restored-state")
                    .hasMessageNotContaining("allowNonRestoredState");

            JobClient dropped = second.startJob(List.of(), resumeFrom, true);
            assertThat(dropped.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
            assertThat(logged.warnings()).anySatisfy(warning -> assertThat(warning)
                    .contains("with --allow-non-restored-state drops for good the state of 2 parts", rules, cards));
        }
    }

    /** Runs {@code spec} on 500 transactions until a checkpoint completes; that checkpoint, the job cancelled. */
    /**
     * {@code run --resume-from} with more subtasks than the checkpoint's key groups, or another
     * {@code max_parallelism}: Flink would refuse either only once the job is submitted, naming an operator's hash.
     * The start fails before anything starts, naming the spec field and what to set it to; with a parallelism within
     * the key groups and no {@code max_parallelism}, the job takes the checkpoint's.
     */
    @Test
    void aParallelismTheCheckpointsKeyGroupsCannotTakeIsRefusedNamingTheSpecField(@TempDir Path workDir)
            throws Exception {
        Path resumeFrom = checkpointAfter500Transactions(runtimeSpec(2, 2), workDir);
        String refused = "the pipeline could not resume from " + resumeFrom + ": ";

        try (LocalRuntime more = LocalRuntime.start(runtimeSpec(3, 0), new LocalRuntime.Options(workDir, 2))) {
            assertThatThrownBy(() -> more.startJob(List.of(), resumeFrom)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(refused + "runtime.parallelism is 3 but the state was taken with max "
                            + "parallelism 2, the most subtasks its keyed state can be spread over; set "
                            + "runtime.parallelism to 2 or less");
        }
        try (LocalRuntime regrouped = LocalRuntime.start(runtimeSpec(2, 4), new LocalRuntime.Options(workDir, 2))) {
            assertThatThrownBy(() -> regrouped.startJob(List.of(), resumeFrom)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(refused + "runtime.max_parallelism is 4 but the state was taken with max "
                            + "parallelism 2")
                    .hasMessageContaining("set runtime.max_parallelism to 2, or remove it");
        }
        try (LocalRuntime fewer = LocalRuntime.start(runtimeSpec(1, 0), new LocalRuntime.Options(workDir, 2))) {
            JobClient job = fewer.startJob(List.of(), resumeFrom);
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
        }
    }

    /** The test spec with one feature group, {@code parallelism} and {@code maxParallelism} (0: not set). */
    private static PipelineSpec runtimeSpec(int parallelism, int maxParallelism) {
        String runtime = "  parallelism: " + parallelism + "\n"
                + (maxParallelism > 0 ? "  max_parallelism: " + maxParallelism + "\n" : "");
        String yaml = specYaml("json").replace("  parallelism: 2\n", runtime);
        assertThat(yaml).contains(runtime);
        return SpecLoader.parse(yaml + USER_TX_1M, Path.of("."));
    }

    private static Path checkpointAfter500Transactions(PipelineSpec spec, Path workDir) throws Exception {
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), 500);
        try (LocalRuntime first = LocalRuntime.start(spec, new LocalRuntime.Options(workDir, 2))) {
            String checkpoints = first.spec().outputs().checkpointDir();
            first.startJob(List.of());
            GeneratedInput.produce(first.bootstrapServers(), "transactions", input.records());
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> CheckpointLocator.latestComplete(checkpoints).isPresent());
            first.stopJob();
            return CheckpointLocator.latestComplete(checkpoints).orElseThrow();
        }
    }

    private static boolean refusesConnections(String url) throws Exception {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/jobs/overview")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }

    /**
     * What {@code run --work-dir DIR --resume-from latest} does after the process died: a new runtime on the same
     * work dir restarts the embedded broker on its old data (same cluster id, topics and committed outputs) and
     * the job from the newest checkpoint.
     */
    @Test
    void newProcessOnTheSameWorkDirResumesWithTheBrokersOldData(@TempDir Path workDir) throws Exception {
        PipelineSpec spec = spec("json");
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
        Path resumeFrom;
        try (LocalRuntime first = LocalRuntime.start(spec, new LocalRuntime.Options(workDir, 2))) {
            String checkpoints = first.spec().outputs().checkpointDir();
            first.startJob(List.of());
            GeneratedInput.produce(first.bootstrapServers(), "transactions",
                    input.records().subList(0, TRANSACTIONS / 2));
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> CheckpointLocator.latestComplete(checkpoints).isPresent());
            Thread.sleep(700);
            first.stopJob();
            resumeFrom = CheckpointLocator.latestComplete(checkpoints).orElseThrow();
        }

        try (LocalRuntime second = LocalRuntime.start(spec, new LocalRuntime.Options(workDir, 2))) {
            OutputsSpec outputs = second.spec().outputs();
            second.startJob(List.of(), resumeFrom);
            GeneratedInput.produce(second.bootstrapServers(), "transactions",
                    input.records().subList(TRANSACTIONS / 2, TRANSACTIONS));
            try (TopicReader reader = readOutputs(second.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));

                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
            }
        }
    }
}

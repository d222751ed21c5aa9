package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.cluster.FlinkRestClient;
import io.streamscore.cli.local.CheckpointLocator;
import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.testing.CommandRun;
import io.streamscore.cli.testing.FlinkTestCluster;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.spec.OutputsSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit --from-savepoint} with state the spec cannot restore, on a real 2-process cluster: a retained
 * incremental RocksDB checkpoint resumed by the same spec on the heap backend. The cluster accepts the job, which
 * then fails restoring its state and restarts forever.
 * {@code submit} used to print the job id and exit 0; it now prints the id, waits for the tasks, and fails with
 * Flink's cause and the command that cancels the job.
 */
class SubmitJobStartITCase extends ClusterTestBase {
    private static final int TRANSACTIONS = 500;

    @Test
    void submitFromACheckpointThatDoesNotFitTheSpecFailsWithFlinksCause(@TempDir Path dir) throws Exception {
        String checkpoints = dir.resolve("checkpoints").toUri().toString();
        Path changed = fraudSpec(dir, 5);
        String onHeap = Files.readString(changed).replace("checkpoint_interval: 1s",
                "checkpoint_interval: 1s\n  checkpoint_dir: " + checkpoints);
        assertThat(onHeap).contains("checkpoint_dir: " + checkpoints, "state_backend: hashmap");
        Files.writeString(changed, onHeap);
        Path specFile = withStateBackend(Files.writeString(dir.resolve("fraud-rocksdb.yaml"), onHeap), "rocksdb");
        OutputsSpec outputs = load(specFile).outputs();
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
        try (EmbeddedKafkaBroker broker = startBroker(dir.resolve("kafka"), load(specFile));
             FlinkTestCluster cluster = FlinkTestCluster.start(dir.resolve("flink"), 1);
             TopicReader reader = readOutputs(broker.bootstrapServers(), outputs)) {
            String bootstrap = broker.bootstrapServers();
            String first = submit(cluster, specFile, bootstrap, null);
            input.produce(bootstrap, "transactions");
            awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
            // cancelled first: a later checkpoint would delete the one found (Flink retains the newest only)
            CommandRun cancelFirst = CommandRun.streamscore("stop", first, "--jobmanager", cluster.jobManager());
            assertThat(cancelFirst.exit()).as(cancelFirst.err()).isZero();
            assertThat(FlinkTestCluster.await(() -> "CANCELED".equals(status(cluster, first)),
                    Duration.ofSeconds(30))).isTrue();
            String checkpoint = CheckpointLocator.latestComplete(checkpoints).orElseThrow().toUri().toString();

            CommandRun resumed = CommandRun.streamscore("submit", changed.toString(), "--jobmanager",
                    cluster.jobManager(), "--bootstrap-servers", bootstrap, "--job-jar",
                    FlinkTestCluster.JOB_JAR.toString(), "--from-savepoint", checkpoint);

            String jobId = resumed.out().strip();
            assertThat(jobId).matches("[0-9a-f]{32}");
            assertThat(resumed.exit()).as(resumed.err()).isEqualTo(1);
            assertThat(resumed.err()).startsWith("error: job " + jobId + " did not start on the cluster (")
                    .contains("a different StateBackend",
                            "Flink keeps restarting it: fix the cause and cancel it with `streamscore stop " + jobId
                                    + " --jobmanager " + cluster.jobManager() + "`");
            CommandRun cancel = CommandRun.streamscore("stop", jobId, "--jobmanager", cluster.jobManager());
            assertThat(cancel.exit()).as(cancel.err()).isZero();
            assertThat(FlinkTestCluster.await(() -> "CANCELED".equals(status(cluster, jobId)),
                    Duration.ofSeconds(30))).isTrue();
        }
    }

    private static String status(FlinkTestCluster cluster, String jobId) {
        try {
            return new FlinkRestClient(cluster.jobManager()).jobStatus(jobId);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.cluster.FlinkRestClient;
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
 * {@code submit --from-savepoint} with a spec whose features no longer fit the savepoint's state, on a real
 * 2-process cluster: the cluster accepts the job, which then fails restoring its window state and restarts forever.
 * {@code submit} used to print the job id and exit 0; it now prints the id, waits for the tasks, and fails with
 * Flink's cause and the command that cancels the job.
 */
class SubmitJobStartITCase extends ClusterTestBase {
    private static final int TRANSACTIONS = 500;

    @Test
    void submitFromASavepointThatDoesNotFitTheSpecFailsWithFlinksCause(@TempDir Path dir) throws Exception {
        Path specFile = fraudSpec(dir, 5);
        Path changed = Files.writeString(dir.resolve("fraud-changed.yaml"), Files.readString(specFile)
                .replace("    window: 5m ", "    window: 10m "));
        assertThat(changed).content().contains("window: 10m");
        OutputsSpec outputs = load(specFile).outputs();
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
        try (EmbeddedKafkaBroker broker = startBroker(dir.resolve("kafka"), load(specFile));
             FlinkTestCluster cluster = FlinkTestCluster.start(dir.resolve("flink"), 1);
             TopicReader reader = readOutputs(broker.bootstrapServers(), outputs)) {
            String bootstrap = broker.bootstrapServers();
            String first = submit(cluster, specFile, bootstrap, null);
            input.produce(bootstrap, "transactions");
            awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
            String savepoint = stopWithSavepoint(cluster, first, dir.resolve("savepoints"));

            CommandRun resumed = CommandRun.streamscore("submit", changed.toString(), "--jobmanager",
                    cluster.jobManager(), "--bootstrap-servers", bootstrap, "--job-jar",
                    FlinkTestCluster.JOB_JAR.toString(), "--from-savepoint", savepoint);

            String jobId = resumed.out().strip();
            assertThat(jobId).matches("[0-9a-f]{32}");
            assertThat(resumed.exit()).as(resumed.err()).isEqualTo(1);
            assertThat(resumed.err()).startsWith("error: job " + jobId + " did not start on the cluster (")
                    .contains("StateMigrationException", "user_spend_5m",
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

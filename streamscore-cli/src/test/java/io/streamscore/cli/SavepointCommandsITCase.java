package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.cluster.FlinkRestClient;
import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.testing.CommandRun;
import io.streamscore.cli.testing.FlinkTestCluster;
import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.flink.internal.StateOwners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stop --savepoint} and {@code submit --from-savepoint} on a real standalone cluster, where they used to
 * mislead: a savepoint that fails now says the job was not stopped (it keeps running); {@code --savepoint} without a
 * directory uses the cluster's default savepoint directory, the {@code savepoints/} deploy/flink-cluster.sh
 * configures and keeps (the option required one); and a savepoint with state of a feature group the spec no longer
 * has names that group (not only Flink's hash of its uid) and {@code submit}'s {@code --allow-non-restored-state}
 * instead of Flink's own CLI option.
 */
class SavepointCommandsITCase extends ClusterTestBase {
    @Test
    void stopAndResumeWithSavepointsSayWhatHappenedAndWhatToDo(@TempDir Path dir) throws Exception {
        Path specFile = fraudSpec(dir, 5);
        Path withoutCardFeatures = withoutCardFeatures(specFile, dir.resolve("fraud-no-card.yaml"));
        try (EmbeddedKafkaBroker broker = startBroker(dir.resolve("kafka"), load(specFile));
             FlinkTestCluster cluster = FlinkTestCluster.start(dir.resolve("flink"), 1)) {
            FlinkRestClient flink = new FlinkRestClient(cluster.jobManager());
            String jobId = submit(cluster, specFile, broker.bootstrapServers(), null);

            CommandRun failed = CommandRun.streamscore("stop", jobId, "--jobmanager", cluster.jobManager(),
                    "--savepoint", "/proc/savepoints");

            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.err()).startsWith("error: the savepoint of job " + jobId
                    + " failed, so the job was not stopped: ").contains("/proc/savepoints");
            assertThat(flink.jobStatus(jobId)).isEqualTo("RUNNING");

            CommandRun stopped = CommandRun.streamscore("stop", jobId, "--jobmanager", cluster.jobManager(),
                    "--savepoint");

            assertThat(stopped.exit()).as(stopped.err()).isZero();
            String savepoint = stopped.out().strip();
            assertThat(savepoint).startsWith("file:" + cluster.dir().resolve("savepoints").resolve("savepoint-"));
            assertThat(FlinkTestCluster.await(() -> "FINISHED".equals(status(flink, jobId)), Duration.ofSeconds(30)))
                    .isTrue();

            CommandRun refused = resume(cluster, withoutCardFeatures, broker, savepoint);
            CommandRun dropped = resume(cluster, withoutCardFeatures, broker, savepoint, "--allow-non-restored-state");

            assertThat(refused.exit()).isEqualTo(1);
            String cardGroup = OperatorIds.features("transactions", List.of("card_id"));
            assertThat(refused.err()).contains("The savepoint holds state of a part this spec no longer has (operator "
                    + StateOwners.operatorId(cardGroup) + ", uid features-v2-transactions-card_id: the feature group "
                    + "of source transactions keyed by card_id (its windows))",
                    "submit again with --allow-non-restored-state").doesNotContain("allowNonRestoredState")
                    .as("refused before Flink tried the restore").doesNotContain("Failed to rollback");
            assertThat(dropped.exit()).as(dropped.err()).isZero();
            assertThat(status(flink, dropped.out().strip())).isEqualTo("RUNNING");
            // the job's main on the JobManager got the savepoint's path and read its metadata (feature group uids),
            // refused it before Flink did, and with the option logged what it drops
            assertThat(Files.readString(cluster.dir().resolve("log/jobmanager.log")))
                    .contains("feature group uids for the restore from " + savepoint + ": none kept")
                    .contains("resuming from " + savepoint + " with --allow-non-restored-state drops for good the "
                            + "state of a part this spec no longer has: operator " + StateOwners.operatorId(cardGroup))
                    .doesNotContain("could not read the operators of checkpoint");
        }
    }

    private static CommandRun resume(FlinkTestCluster cluster, Path spec, EmbeddedKafkaBroker broker,
            String savepoint, String... more) {
        String[] args = {"submit", spec.toString(), "--jobmanager", cluster.jobManager(), "--bootstrap-servers",
                broker.bootstrapServers(), "--job-jar", FlinkTestCluster.JOB_JAR.toString(), "--from-savepoint",
                savepoint};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CommandRun.streamscore(all);
    }

    /** The spec without its two card features (their operator goes away), the alert rule on a user feature. */
    private static Path withoutCardFeatures(Path specFile, Path target) throws IOException {
        String yaml = Files.readString(specFile);
        int from = yaml.indexOf("  # Per card rather than per user");
        int to = yaml.indexOf("  # A derived feature");
        assertThat(from).isPositive();
        assertThat(to).isGreaterThan(from);
        return Files.writeString(target, (yaml.substring(0, from) + yaml.substring(to))
                .replace("'card_small_tx_10m >= 5'", "'user_tx_1h >= 500'"));
    }

    private static String status(FlinkRestClient flink, String jobId) {
        try {
            return flink.jobStatus(jobId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

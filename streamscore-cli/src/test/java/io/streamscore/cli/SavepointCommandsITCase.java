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
 * configures and keeps (the option required one); and a savepoint with state of parts the spec no longer has (a
 * feature group, the alert rules) is refused before anything is uploaded, naming every part (not only Flink's hash
 * of the first one's uid) and {@code submit}'s {@code --allow-non-restored-state} instead of Flink's own CLI option,
 * in the words the JobManager refuses it with; with that option {@code submit} prints what the restore drops (which
 * the JobManager only logs). A parallelism above the savepoint's key groups is refused before anything is uploaded,
 * naming the spec field (Flink would fail the job while it initializes).
 */
class SavepointCommandsITCase extends ClusterTestBase {
    @Test
    void stopAndResumeWithSavepointsSayWhatHappenedAndWhatToDo(@TempDir Path dir) throws Exception {
        Path specFile = fraudSpec(dir, 5);
        Path withoutCardAndAlerts = withoutCardFeaturesAndAlerts(specFile, dir.resolve("fraud-fewer-parts.yaml"));
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

            Path jobManagerLog = cluster.dir().resolve("log/jobmanager.log");
            String restoreOnJobManager = "feature group uids for the restore from " + savepoint;
            CommandRun refused = resume(cluster, withoutCardAndAlerts, broker, savepoint);

            String cardOwner = "operator " + StateOwners.operatorId(OperatorIds.features("transactions",
                    List.of("card_id"))) + ", uid features-v2-transactions-card_id: the feature group of source "
                    + "transactions keyed by card_id (its windows)";
            String alertsOwner = "operator " + StateOwners.operatorId(OperatorIds.ALERTS) + ", uid alerts-v1: the "
                    + "alert rules that do not read `score` (their cooldowns)";
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).startsWith("error: The savepoint holds state of 2 parts this spec no longer "
                    + "has (").contains(cardOwner, alertsOwner, "submit again with --allow-non-restored-state")
                    .doesNotContain("allowNonRestoredState").as("refused before Flink tried the restore")
                    .doesNotContain("Failed to rollback");
            assertThat(Files.readString(jobManagerLog)).as("refused before the jar was uploaded and run")
                    .doesNotContain(restoreOnJobManager);
            String refusal = line(refused.err(), "error: ");

            CommandRun refusedThere = resume(cluster, withoutCardAndAlerts, broker, savepoint, "--skip-preflight");

            assertThat(refusedThere.exit()).isEqualTo(1);
            assertThat(refusedThere.err()).as("the JobManager's refusal, word for word").contains(refusal);
            assertThat(Files.readString(jobManagerLog)).contains(restoreOnJobManager);

            Path at129 = withParallelism(Files.copy(specFile, dir.resolve("fraud-129.yaml")), 129);
            CommandRun tooWide = resume(cluster, at129, broker, savepoint, "--skip-preflight");

            assertThat(tooWide.exit()).isEqualTo(1);
            assertThat(tooWide.err()).as("the key groups of a first run at parallelism 2 are Flink's 128")
                    .startsWith("error: the pipeline could not resume from " + savepoint + ": runtime.parallelism is "
                            + "129 but the state was taken with max parallelism 128");
            assertThat(Files.readString(jobManagerLog)).as("refused before the jar was uploaded and run")
                    .doesNotContain("parallelism is 129");

            CommandRun dropped = resume(cluster, withoutCardAndAlerts, broker, savepoint, "--allow-non-restored-state");

            assertThat(dropped.exit()).as(dropped.err()).isZero();
            assertThat(status(flink, dropped.out().strip())).isEqualTo("RUNNING");
            String warning = "resuming from " + savepoint + " with --allow-non-restored-state drops for good the "
                    + "state of 2 parts this spec no longer has: ";
            assertThat(dropped.err()).as("the user sees what the restore drops").contains("warning: " + warning)
                    .contains(cardOwner, alertsOwner).doesNotContain("JobManager's log lists them");
            // the job's main on the JobManager got the savepoint's path and read its metadata (feature group uids),
            // and with the option logged what it drops: the same parts submit printed
            assertThat(Files.readString(jobManagerLog))
                    .contains(restoreOnJobManager + ": none kept").contains(line(dropped.err(), "warning: "))
                    .doesNotContain("could not read the operators of checkpoint");

            CommandRun unchecked = resume(cluster, withoutCardAndAlerts, broker, savepoint,
                    "--allow-non-restored-state", "--skip-preflight", "--start-timeout", "0s");

            assertThat(unchecked.exit()).as(unchecked.err()).isZero();
            flink.cancel(unchecked.out().strip()); // a second job, for want of slots not running anyway
            assertThat(unchecked.err()).as("said once where the list is").containsOnlyOnce("note: the parts whose "
                    + "state --allow-non-restored-state drops are not listed here (with --skip-preflight the job, "
                    + "which reads Kafka, is not built here): the JobManager's log lists them")
                    .doesNotContain("warning: resuming from");
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

    /** The spec without its two card features (their operator goes away) and without its alert rule (ditto). */
    private static Path withoutCardFeaturesAndAlerts(Path specFile, Path target) throws IOException {
        String yaml = Files.readString(specFile);
        int from = yaml.indexOf("  # Per card rather than per user");
        int to = yaml.indexOf("  # A derived feature");
        int alerts = yaml.indexOf("\nalerts:\n");
        int afterAlerts = yaml.indexOf("\n# The model that scores every event");
        assertThat(from).isPositive();
        assertThat(to).isGreaterThan(from);
        assertThat(alerts).isGreaterThan(to);
        assertThat(afterAlerts).isGreaterThan(alerts);
        return Files.writeString(target, yaml.substring(0, from) + yaml.substring(to, alerts)
                + yaml.substring(afterAlerts));
    }

    /** The text of the first line of {@code printed} that starts with {@code prefix}, after the prefix. */
    private static String line(String printed, String prefix) {
        return printed.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starts with " + prefix + " in: " + printed))
                .substring(prefix.length());
    }

    private static String status(FlinkRestClient flink, String jobId) {
        try {
            return flink.jobStatus(jobId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.cluster.FlinkRestClient;
import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.testing.FlinkTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime.changelog} on the standalone cluster: the job runs on Flink's changelog backend from the cluster's
 * own jars, and {@code stop --savepoint} then {@code submit --from-savepoint} resumes it. Flink's default restore
 * mode (NO_CLAIM) demands a full first checkpoint, which the changelog backend cannot take, and the resumed job would
 * fail at every checkpoint; the job's configuration asks for CLAIM mode, and this checks that a job submitted through
 * the REST API gets it: the resumed job keeps running through several checkpoints without a failure.
 */
class ChangelogClusterITCase extends ClusterTestBase {
    @Test
    void aChangelogJobResumesFromItsSavepointOnTheCluster(@TempDir Path dir) throws Exception {
        Path specFile = fraudSpec(dir, 5);
        String yaml = Files.readString(specFile).replace("  state_backend: hashmap\n",
                "  state_backend: hashmap\n  changelog: true\n");
        assertThat(yaml).contains("changelog: true");
        Files.writeString(specFile, yaml);
        assertThat(load(specFile).runtime().changelog().enabled()).isTrue();

        try (EmbeddedKafkaBroker broker = startBroker(dir.resolve("kafka"), load(specFile));
             FlinkTestCluster cluster = FlinkTestCluster.start(dir.resolve("flink"), 1)) {
            FlinkRestClient flink = new FlinkRestClient(cluster.jobManager());
            String first = submit(cluster, specFile, broker.bootstrapServers(), null);
            Thread.sleep(3_000); // a few 1 s checkpoints on the changelog
            assertThat(flink.newestFailure(first)).as("failures of the first job").isEmpty();
            String savepoint = stopWithSavepoint(cluster, first, dir.resolve("savepoints"));

            String resumed = submit(cluster, specFile, broker.bootstrapServers(), savepoint);
            Thread.sleep(5_000); // NO_CLAIM would fail the first checkpoint after the restore, 1 s in
            assertThat(flink.newestFailure(resumed)).as("failures of the resumed job").isEmpty();
            assertThat(flink.jobStatus(resumed)).isEqualTo("RUNNING");
            assertThat(cluster.dir().resolve("checkpoints")).isDirectory();
            flink.cancel(resumed);
        }
    }
}

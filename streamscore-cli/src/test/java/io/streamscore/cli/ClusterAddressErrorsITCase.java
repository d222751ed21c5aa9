package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.CommandRun;
import io.streamscore.cli.testing.FlinkTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stop} against a real standalone cluster, given what users get wrong: the JobManager's RPC port in place of
 * its REST port (the error was only "HTTP/1.1 header parser received no bytes", naming neither the address nor the
 * option), and a job id the cluster does not know (Flink's NotFoundException and FlinkJobNotFoundException texts).
 */
class ClusterAddressErrorsITCase {
    private static final String UNKNOWN_JOB = "0123456789abcdef0123456789abcdef";

    @Test
    void rpcPortAndUnknownJobGetMessagesNamingTheFix(@TempDir Path dir) throws Exception {
        try (FlinkTestCluster cluster = FlinkTestCluster.start(dir.resolve("flink"), 1)) {
            String rpc = "127.0.0.1:" + rpcPort(cluster);

            CommandRun wrongPort = CommandRun.streamscore("stop", UNKNOWN_JOB, "--jobmanager", rpc);
            CommandRun unknownJob = CommandRun.streamscore("stop", UNKNOWN_JOB, "--jobmanager", cluster.jobManager());

            assertThat(wrongPort.exit()).isEqualTo(1);
            assertThat(wrongPort.err()).startsWith("error: http://" + rpc + "/ did not answer over HTTP")
                    .contains("is " + rpc + " the JobManager's REST endpoint (rest.port", "not its RPC port");
            assertThat(unknownJob.exit()).isEqualTo(1);
            assertThat(unknownJob.err()).startsWith("error: the Flink cluster at http://" + cluster.jobManager()
                    + "/ has no job " + UNKNOWN_JOB + ": give the id `submit` printed")
                    .doesNotContain("Exception");
        }
    }

    private static String rpcPort(FlinkTestCluster cluster) throws Exception {
        return Files.readAllLines(cluster.dir().resolve("conf/config.yaml")).stream()
                .filter(line -> line.startsWith("jobmanager.rpc.port: "))
                .map(line -> line.substring("jobmanager.rpc.port: ".length()).strip())
                .findFirst().orElseThrow();
    }
}

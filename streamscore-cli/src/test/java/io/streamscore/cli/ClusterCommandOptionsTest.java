package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.CommandRun;
import org.junit.jupiter.api.Test;

/**
 * {@code submit} and {@code stop} refuse values a Flink cluster would misread before they contact it: usage errors
 * (exit code 2) naming the option and the fix. Before, a JobManager without a port was called on port 80 ("no Flink
 * JobManager" there), a relative savepoint path was written in the JobManager's working directory with exit code 0,
 * and a zero timeout reported a failed savepoint of a job that was being stopped.
 */
class ClusterCommandOptionsTest {
    private static final String JOB = "0123456789abcdef0123456789abcdef";
    /** Nothing listens there: a command that got past its checks fails with exit code 1, not 2. */
    private static final String NO_CLUSTER = "127.0.0.1:1";

    @Test
    void jobManagerWithoutPortIsAUsageError() {
        CommandRun stop = CommandRun.streamscore("stop", JOB, "--jobmanager", "localhost");
        CommandRun submit = CommandRun.streamscore("submit", "../examples/fraud.yaml", "--jobmanager", "localhost",
                "--bootstrap-servers", "127.0.0.1:9", "--skip-preflight");

        for (CommandRun run : new CommandRun[] {stop, submit}) {
            assertThat(run.exit()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("--jobmanager localhost: give HOST:PORT of the JobManager's REST endpoint",
                    "e.g. 127.0.0.1:8081");
        }
    }

    @Test
    void relativeSavepointPathsAreUsageErrors() {
        CommandRun stop = CommandRun.streamscore("stop", JOB, "--jobmanager", NO_CLUSTER, "--savepoint", "savepoints");
        CommandRun submit = CommandRun.streamscore("submit", "../examples/fraud.yaml", "--jobmanager", NO_CLUSTER,
                "--bootstrap-servers", "127.0.0.1:9", "--skip-preflight", "--from-savepoint", "sp/savepoint-1");

        assertThat(stop.exit()).as(stop.err()).isEqualTo(2);
        assertThat(stop.err()).contains("--savepoint savepoints: a relative path would be resolved on the "
                + "JobManager, in its working directory", "give an absolute path or a URI");
        assertThat(submit.exit()).as(submit.err()).isEqualTo(2);
        assertThat(submit.err()).contains("--from-savepoint sp/savepoint-1: a relative path");
    }

    @Test
    void absolutePathsAndUrisPassTheChecks() {
        for (String path : new String[] {"/tmp/savepoints", "file:///tmp/savepoints", "s3://bucket/savepoints"}) {
            CommandRun stop = CommandRun.streamscore("stop", JOB, "--jobmanager", NO_CLUSTER, "--savepoint", path);

            assertThat(stop.exit()).as(path).isEqualTo(1);
            assertThat(stop.err()).contains("no Flink JobManager REST API at http://127.0.0.1:1/");
        }
    }

    @Test
    void malformedJobIdAndZeroTimeoutAreUsageErrors() {
        CommandRun badId = CommandRun.streamscore("stop", "nope", "--jobmanager", NO_CLUSTER);
        CommandRun zero = CommandRun.streamscore("stop", JOB, "--jobmanager", NO_CLUSTER, "--savepoint", "/tmp/sp",
                "--timeout", "0s");

        assertThat(badId.exit()).isEqualTo(2);
        assertThat(badId.err()).contains("JOBID nope: not a Flink job id; give the 32 hex digits `submit` printed");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--timeout: must be longer than 0");
    }
}

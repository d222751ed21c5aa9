package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.FlinkTestCluster;
import io.streamscore.cli.testing.FlinkTestCluster.ScriptRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/flink-cluster.sh as a user calls it with a {@code --dir} of the wrong kind: a directory of the user's own
 * that holds a {@code conf/} or {@code log/} (start would overwrite it, stop deleted it whole), and the directory of
 * a stopped cluster given to {@code add-taskmanager} (which started a TaskManager with no JobManager to join, retrying
 * forever); a {@code --metrics-port} that is no port; and {@code status}, which tells a running cluster from a
 * stopped one and names each process's metrics endpoint.
 */
class FlinkClusterScriptITCase {
    @TempDir
    Path temp;

    private Path dir;

    /** Whatever a run left running in {@link #dir} (processes only: {@code --keep} deletes nothing). */
    @AfterEach
    void stopLeftovers() throws Exception {
        if (dir != null && Files.isDirectory(dir)) {
            FlinkTestCluster.script("stop", "--dir", dir.toString(), "--keep");
        }
    }

    @Test
    void stopDeletesNothingInADirectoryStartDidNotMake() throws Exception {
        dir = usersProject();

        ScriptRun stop = FlinkTestCluster.script("stop", "--dir", dir.toString());

        assertThat(stop.exit()).isEqualTo(1);
        assertThat(stop.output()).contains("stop: " + dir + " is not a run directory of this script",
                "holds conf/ log/", "nothing was deleted: give the DIR= that start printed");
        assertUsersFilesIntact();
    }

    @Test
    void startRefusesADirectoryHoldingFilesItWouldOverwriteOrDelete() throws Exception {
        dir = usersProject();

        ScriptRun start = FlinkTestCluster.script("start", "--dir", dir.toString());

        assertThat(start.exit()).as(start.output()).isEqualTo(1);
        assertThat(start.output()).contains("start: " + dir + " is not a run directory of this script",
                "give a new or empty --dir").doesNotContain("JOBMANAGER=");
        assertUsersFilesIntact();
        assertThat(dir.resolve("jobmanager.pid")).doesNotExist();
    }

    @Test
    void statusTellsRunningFromStoppedAndAddTaskManagerRefusesAStoppedCluster() throws Exception {
        dir = temp.resolve("flink");
        ScriptRun start = FlinkTestCluster.script("start", "--dir", dir.toString(), "--metrics-port", "0");
        assertThat(start.exit()).as(start.output()).isZero();
        ScriptRun running = FlinkTestCluster.script("status", "--dir", dir.toString());
        assertThat(running.exit()).as(running.output()).isZero();
        assertThat(running.output())
                .containsPattern("jobmanager: running, pid \\d+, metrics http://127\\.0\\.0\\.1:\\d+/metrics")
                .containsPattern("taskmanager-1: running, pid \\d+, metrics http://127\\.0\\.0\\.1:\\d+/metrics")
                .contains("JOBMANAGER=127.0.0.1:" + Files.readString(dir.resolve("rest.port")).strip(),
                        "taskmanagers registered: 1; slots free: 2 of 2; jobs running: 0");
        assertThat(FlinkTestCluster.script("stop", "--dir", dir.toString(), "--keep").exit()).isZero();
        ScriptRun stopped = FlinkTestCluster.script("status", "--dir", dir.toString());
        assertThat(stopped.exit()).as(stopped.output()).isEqualTo(3);
        assertThat(stopped.output()).contains("cluster: not running; start one with: ").doesNotContain("JOBMANAGER=");

        ScriptRun add = FlinkTestCluster.script("add-taskmanager", "--dir", dir.toString());

        assertThat(add.exit()).as(add.output()).isEqualTo(1);
        assertThat(add.output()).contains("add-taskmanager: no cluster is running in " + dir,
                "start one with: ", "start --dir " + dir);
        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".pid"));
        }
    }

    @Test
    void startRefusesAMetricsPortThatIsNeitherAPortNorARange() throws Exception {
        dir = temp.resolve("flink");
        for (String bad : new String[] {"70000", "9259-9250", "9250-", "any"}) {
            ScriptRun start = FlinkTestCluster.script("start", "--dir", dir.toString(), "--metrics-port", bad);

            assertThat(start.exit()).as(start.output()).isEqualTo(2);
            assertThat(start.output()).contains("--metrics-port needs a port (0 for any free one) or a range such as "
                    + "9250-9259, not '" + bad + "'").doesNotContainPattern("(?m)^JOBMANAGER=");
        }
        assertThat(dir).doesNotExist();
    }

    /** A project directory with a {@code conf/} and a {@code log/} of its own. */
    private Path usersProject() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(Files.createDirectories(project.resolve("conf")).resolve("app.properties"), "mine=1\n");
        Files.writeString(Files.createDirectories(project.resolve("log")).resolve("audit.log"), "keep me\n");
        return project;
    }

    private void assertUsersFilesIntact() throws Exception {
        assertThat(dir.resolve("conf/app.properties")).hasContent("mine=1");
        assertThat(dir.resolve("log/audit.log")).hasContent("keep me");
        assertThat(dir.resolve("conf/config.yaml")).doesNotExist();
    }
}

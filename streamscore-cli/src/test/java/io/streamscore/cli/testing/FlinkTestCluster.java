package io.streamscore.cli.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink cluster of separate processes, started and stopped with deploy/flink-cluster.sh (the script
 * users run), in a directory under the test's temp dir. TaskManagers can be killed with SIGKILL and replaced.
 */
public final class FlinkTestCluster implements AutoCloseable {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("deploy/flink-cluster.sh");
    /** Built by the streamscore-flink module's package phase (before this module's integration tests). */
    public static final Path JOB_JAR = ROOT.resolve("streamscore-flink/target/streamscore-job.jar");

    private final Path dir;
    private final String jobManager;
    private final List<String> metricsUrls;

    private FlinkTestCluster(Path dir, String jobManager, List<String> metricsUrls) {
        this.dir = dir;
        this.jobManager = jobManager;
        this.metricsUrls = metricsUrls;
    }

    /** Starts a JobManager and {@code taskManagers} TaskManagers with 2 slots each; returns once all registered. */
    public static FlinkTestCluster start(Path dir, int taskManagers) throws Exception {
        if (!Files.isRegularFile(JOB_JAR)) {
            throw new IllegalStateException("no job jar at " + JOB_JAR + ": run the build's package phase first "
                    + "(./mvnw verify, or ./mvnw package -pl streamscore-flink -am)");
        }
        String output = run(List.of("start", "--dir", dir.toString(), "--taskmanagers",
                Integer.toString(taskManagers)));
        String jobManager = printed(output, "JOBMANAGER=");
        String metrics = printed(output, "METRICS=");
        return new FlinkTestCluster(dir, jobManager, metrics.isEmpty() ? List.of() : List.of(metrics.split(" ")));
    }

    private static String printed(String output, String prefix) {
        return output.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the script printed no " + prefix + " line: " + output));
    }

    /** The Prometheus endpoints start printed: the JobManager's, then each TaskManager's. */
    public List<String> metricsUrls() {
        return metricsUrls;
    }

    /** The JobManager process's pid. */
    public long jobManagerPid() throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("jobmanager.pid")).strip());
    }

    /** {@code 127.0.0.1:<rest port>}. */
    public String jobManager() {
        return jobManager;
    }

    public Path dir() {
        return dir;
    }

    /** Starts one more TaskManager process; returns its pid. */
    public long addTaskManager() throws Exception {
        return Long.parseLong(run(List.of("add-taskmanager", "--dir", dir.toString())).strip());
    }

    /** The pids of the TaskManager processes still alive. */
    public List<Long> liveTaskManagers() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("taskmanager-\\d+\\.pid")).toList()) {
                long pid = Long.parseLong(Files.readString(file).strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    pids.add(pid);
                }
            }
        }
        return pids;
    }

    /** SIGKILL (no shutdown hooks, no goodbye to the JobManager) of one TaskManager process. */
    public static void kill(long pid) throws InterruptedException {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        process.destroyForcibly(); // SIGKILL on Unix
        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The cluster's log files, for a failing test's message. */
    public String logTail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("log").resolve(name), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + name + ": " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        run(List.of("stop", "--dir", dir.toString(), "--keep"));
    }

    private static String run(List<String> args) throws Exception {
        ScriptRun run = script(args.toArray(String[]::new));
        if (run.exit() != 0) {
            throw new IllegalStateException("deploy/flink-cluster.sh " + String.join(" ", args) + " failed: "
                    + run.output());
        }
        return run.output();
    }

    /** What one call of deploy/flink-cluster.sh printed (stdout and stderr together) and its exit code. */
    public record ScriptRun(int exit, String output) {}

    /** Runs deploy/flink-cluster.sh with the arguments, as a user does; at most 3 minutes. */
    public static ScriptRun script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("deploy/flink-cluster.sh " + String.join(" ", args) + " hung: " + output);
        }
        return new ScriptRun(process.exitValue(), output);
    }

    /** Waits for the condition, polling every 200 ms. */
    public static boolean await(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }
}

package io.streamscore.cli.cluster;

import io.streamscore.cli.cluster.FlinkRestClient.JobProgress;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code submit} waits for after the cluster accepted the job: every task running, its state restored. A job
 * that cannot start (a savepoint whose state does not fit the spec, a file or class missing on the TaskManagers)
 * is accepted all the same, and Flink's restart strategy then retries it forever with the cause only in the
 * TaskManagers' logs, while {@code submit} had printed a job id and exited 0. This check reports Flink's cause
 * instead and says how to cancel the job; it leaves the job to the user (a restart may also be waiting for a
 * server that is still coming up).
 */
public final class JobStartCheck {
    /** Job states that mean a task failed (or the job ended) before all ran. */
    private static final Set<String> FAILED = Set.of("FAILING", "FAILED", "RESTARTING", "CANCELLING", "CANCELED");
    /** The failure is recorded a moment after the state changes: how long to wait for its cause. */
    private static final Duration CAUSE_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(250);

    private final FlinkRestClient flink;
    private final String jobManager;

    public JobStartCheck(FlinkRestClient flink, String jobManager) {
        this.flink = flink;
        this.jobManager = jobManager;
    }

    /** Returns once every task of the job runs; throws naming Flink's cause when it fails first or takes too long. */
    public void await(String jobId, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobProgress progress = flink.progress(jobId);
            if (progress.allRunning()) {
                return;
            }
            if (FAILED.contains(progress.state())) {
                throw new IOException("job " + jobId + " did not start on the cluster (" + progress.state() + "): "
                        + cause(jobId) + ". " + whatNow(jobId, progress.state()));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("job " + jobId + " is not running after " + timeout.toSeconds() + " s: "
                        + progress.running() + " of " + progress.tasks() + " tasks run (job " + progress.state()
                        + "; a cluster without enough free task slots looks like this). It stays submitted: wait "
                        + "longer with --start-timeout, or cancel it with `" + stopCommand(jobId) + "`");
            }
            pause(POLL);
        }
    }

    private String cause(String jobId) throws IOException {
        long deadline = System.nanoTime() + CAUSE_WAIT.toNanos();
        Optional<String> cause = flink.newestFailure(jobId);
        while (cause.isEmpty() && System.nanoTime() < deadline) {
            pause(POLL);
            cause = flink.newestFailure(jobId);
        }
        return cause.orElse("Flink recorded no cause; see the JobManager's log");
    }

    private String whatNow(String jobId, String state) {
        if (state.equals("FAILED") || state.startsWith("CANCEL")) {
            return "Nothing runs";
        }
        return "Flink keeps restarting it: fix the cause and cancel it with `" + stopCommand(jobId) + "`";
    }

    private String stopCommand(String jobId) {
        return "streamscore stop " + jobId + " --jobmanager " + jobManager;
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the job to start", e);
        }
    }
}

package io.streamscore.cli.cluster;

import io.streamscore.cli.cluster.FlinkRestClient.JobProgress;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
    private final Function<String, String> afterFailure;
    private final Function<String, String> afterTimeout;

    /** For {@code submit}: the job stays on the cluster, so the messages say how to cancel it. */
    public JobStartCheck(FlinkRestClient flink, String jobManager) {
        this(flink, jobId -> "Flink keeps restarting it: fix the cause and cancel it with `" + stop(jobId, jobManager)
                + "`", jobId -> "It stays submitted: wait longer with --start-timeout, or cancel it with `"
                + stop(jobId, jobManager) + "`");
    }

    /**
     * @param afterFailure what becomes of a job that Flink restarts after its start failed, from its id
     * @param afterTimeout what becomes of a job whose tasks did not all run in time, from its id
     */
    public JobStartCheck(FlinkRestClient flink, Function<String, String> afterFailure,
                         Function<String, String> afterTimeout) {
        this.flink = flink;
        this.afterFailure = afterFailure;
        this.afterTimeout = afterTimeout;
    }

    private static String stop(String jobId, String jobManager) {
        return "streamscore stop " + jobId + " --jobmanager " + jobManager;
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
                        + "; a cluster without enough free task slots looks like this). " + afterTimeout.apply(jobId));
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
        return afterFailure.apply(jobId);
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

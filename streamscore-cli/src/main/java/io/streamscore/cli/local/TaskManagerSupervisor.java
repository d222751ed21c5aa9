package io.streamscore.cli.local;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a local run's MiniCluster at the number of TaskManagers it started with, as a cluster whose TaskManager
 * process is restarted stays whole.
 *
 * <p>Why: Flink ends a TaskManager on a fatal error (Flink 2.3 counts any exception thrown while a failed task cleans
 * up as one: "FATAL - exception in exception handler"), and a MiniCluster never starts another, so its job restarts
 * and then waits for slots for ever: the local run hangs. Every second this asks the cluster how many TaskManagers
 * are registered and starts one for each missing; the job then gets its slots and restarts from its last checkpoint.
 * A TaskManager just started gets {@link #REGISTRATION_GRACE} to register before it counts as missing, so one that
 * is still registering is not replaced.
 */
final class TaskManagerSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManagerSupervisor.class);
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    static final Duration REGISTRATION_GRACE = Duration.ofSeconds(10);

    private final MiniCluster cluster;
    private final int taskManagers;
    private final ScheduledExecutorService checks;
    /** When the last TaskManager was started; only the check thread reads or writes it after construction. */
    private long lastStartNanos = System.nanoTime();

    private TaskManagerSupervisor(MiniCluster cluster, int taskManagers) {
        this.cluster = cluster;
        this.taskManagers = taskManagers;
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamscore-taskmanager-supervisor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts checking {@code cluster}, which was started with {@code taskManagers} TaskManagers. */
    static TaskManagerSupervisor start(MiniCluster cluster, int taskManagers) {
        TaskManagerSupervisor supervisor = new TaskManagerSupervisor(cluster, taskManagers);
        long interval = CHECK_INTERVAL.toMillis();
        supervisor.checks.scheduleWithFixedDelay(supervisor::check, interval, interval, TimeUnit.MILLISECONDS);
        return supervisor;
    }

    private void check() {
        if (System.nanoTime() - lastStartNanos < REGISTRATION_GRACE.toNanos()) {
            return;
        }
        int registered;
        try {
            registered = cluster.requestClusterOverview().get(CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)
                    .getNumTaskManagersConnected();
        } catch (InterruptedException e) { // closing
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) { // checked again in a second
            LOG.warn("could not ask the MiniCluster how many TaskManagers are registered: {}", e.toString());
            return;
        }
        for (int missing = taskManagers - registered; missing > 0; missing--) {
            startTaskManager(registered);
        }
    }

    private void startTaskManager(int registered) {
        lastStartNanos = System.nanoTime();
        try {
            cluster.startTaskManager();
            LOG.warn("a TaskManager of the local Flink cluster ended ({} of {} registered; its log says why, e.g. a "
                    + "fatal error in a task's cleanup): started a new one, and the job restarts from its last "
                    + "checkpoint", registered, taskManagers);
        } catch (Exception e) { // tried again after the grace
            LOG.warn("a TaskManager of the local Flink cluster ended ({} of {} registered) and a new one could not "
                    + "be started", registered, taskManagers, e);
        }
    }

    /**
     * Stops checking, then runs {@code then} on the check thread, so after a check under way and before any other:
     * for a cluster shutting down, whose TaskManagers are not to be replaced.
     */
    void stopThen(Runnable then) {
        try {
            checks.execute(() -> {
                checks.shutdown(); // cancels the periodic check
                then.run();
            });
        } catch (RejectedExecutionException e) { // already stopped
            then.run();
        }
    }

    /** Stops checking; returns once a check under way has finished, so none starts a TaskManager afterwards. */
    @Override
    public void close() {
        checks.shutdownNow();
        try {
            if (!checks.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the TaskManager supervisor did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.streamscore.cli.local;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.ClientUtils;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.client.JobInitializationException;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.FlinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MiniCluster one local job runs on, with a {@link TaskManagerSupervisor} that replaces a TaskManager that ends.
 *
 * <p>Flink's local executor ({@code executeAsync} on a local environment) starts a MiniCluster per job that nothing
 * else can reach, so nothing could start a TaskManager in it. This one is set up and the job submitted the way that
 * executor does it (its {@code PerJobMiniClusterFactory}): the same configuration, the configured TaskManagers with
 * {@code taskmanager.numberOfTaskSlots} slots each, shared RPC, and the job's stream graph completed from the
 * configuration (job id, savepoint restore settings). Like that executor's cluster it shuts down when its job ends;
 * closing it stops the supervisor, then the cluster with its threads and ports, and returns when they are gone.
 */
final class SupervisedMiniCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedMiniCluster.class);
    static final Duration JOB_END_TIMEOUT = Duration.ofSeconds(60);

    private final MetricsServingMiniCluster cluster;
    private final TaskManagerSupervisor supervisor;
    private final Configuration config;
    /** The submitted job's id; null before {@link #submit}. */
    private volatile JobID jobId;

    private SupervisedMiniCluster(MetricsServingMiniCluster cluster, TaskManagerSupervisor supervisor,
                                  Configuration config) {
        this.cluster = cluster;
        this.supervisor = supervisor;
        this.config = config;
    }

    /**
     * Starts a MiniCluster with {@code config}, which sets the slots per TaskManager and the REST ports to try, and its
     * supervisor; it serves the metrics endpoint on 127.0.0.1:{@code metricsPort} (0: a free port), and fails to start
     * when that port is taken ({@link MetricsServingMiniCluster}).
     */
    static SupervisedMiniCluster start(Configuration config, int metricsPort) throws Exception {
        int taskManagers = config.get(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS);
        MetricsServingMiniCluster cluster = new MetricsServingMiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(taskManagers)
                .setNumSlotsPerTaskManager(config.get(TaskManagerOptions.NUM_TASK_SLOTS))
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .build(), LocalRuntime.LOCAL_HOST, metricsPort);
        try {
            cluster.start();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new SupervisedMiniCluster(cluster, TaskManagerSupervisor.start(cluster, taskManagers), config);
    }

    /** The port the metrics endpoint listens on. */
    int metricsPort() {
        return cluster.metricsPort();
    }

    /** The port Flink's REST API listens on: the first of {@code rest.bind-port}'s list that was free. */
    int restPort() throws Exception {
        return cluster.getRestAddress().get(JOB_END_TIMEOUT.toSeconds(), TimeUnit.SECONDS).getPort();
    }

    /**
     * Submits the job built in {@code env} as {@code jobName} and returns once it is initialized, throwing (as the
     * local executor does) when its initialization failed, e.g. on a checkpoint Flink cannot restore.
     */
    JobClient submit(StreamExecutionEnvironment env, String jobName) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(jobName);
        StreamGraph job = PipelineExecutorUtils.getStreamGraph(graph, config);
        job.serializeUserDefinedInstances();
        ClassLoader classLoader = env.getClass().getClassLoader();
        try {
            JobID id = cluster.submitJob(job).get().getJobID();
            jobId = id;
            // the cluster ends with its job, as the local executor's does (a job stopped with a savepoint frees the
            // ports for the next); the supervisor stops first, so it does not replace the TaskManagers that ends
            cluster.requestJobResult(id).whenComplete((result, failure) -> supervisor.stopThen(this::shutDown));
            ClientUtils.waitUntilJobInitializationFinished(() -> cluster.getJobStatus(id).get(),
                    () -> cluster.requestJobResult(id).get(), classLoader);
            return new MiniClusterJobClient(id, cluster, classLoader,
                    MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
        } catch (ExecutionException | JobInitializationException e) { // in executeAsync's words
            throw new FlinkException("Failed to execute job '" + jobName + "'.",
                    ExceptionUtils.stripExecutionException(e));
        }
    }

    private void awaitEnd(JobID id) {
        try {
            CompletableFuture<JobResult> ended = cluster.requestJobResult(id);
            if (!ended.isDone()) {
                cluster.cancelJob(id); // failing when the job ended meanwhile: the result then completes
            }
            ended.get(JOB_END_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warn("could not cancel job {} cleanly: it did not end within {} s; closing its cluster anyway", id,
                    JOB_END_TIMEOUT.toSeconds());
        } catch (ExecutionException | RuntimeException e) { // a cluster already shut down too
            LOG.debug("the local job {} did not report its end before the cluster closed: {}", id, e.toString());
        }
    }

    private void shutDown() {
        cluster.closeAsync().whenComplete((closed, failure) -> {
            if (failure != null) {
                LOG.warn("the local Flink cluster did not shut down cleanly after its job ended: {}",
                        failure.toString());
            }
        });
    }

    /**
     * Stops the supervisor, ends the job (cancelled unless it has ended) and waits up to {@link #JOB_END_TIMEOUT} for
     * it, then shuts the cluster down and returns when its threads and ports are gone. The wait matters: a cluster
     * closed while its job is still being cancelled (a cancel returns once it has begun) ends the job's application
     * first, and Flink 2.3's dispatcher then logs the job's own end as an error ("The application ... has already
     * terminated").
     */
    @Override
    public void close() {
        supervisor.close();
        JobID id = jobId;
        if (id != null) {
            awaitEnd(id);
        }
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("the local Flink cluster did not shut down cleanly: {}", e.toString());
        }
    }
}

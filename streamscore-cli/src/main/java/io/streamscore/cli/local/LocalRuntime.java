package io.streamscore.cli.local;

import io.streamscore.cli.cluster.FlinkRestClient;
import io.streamscore.cli.cluster.JobStartCheck;
import io.streamscore.cli.cluster.OrphanedState;
import io.streamscore.flink.EventStage;
import io.streamscore.flink.PipelineConfiguration;
import io.streamscore.flink.internal.NonRestoredState;
import io.streamscore.flink.internal.RecordedUids;
import io.streamscore.flink.internal.RestoredKeyGroups;
import io.streamscore.flink.job.KafkaPipeline;
import io.streamscore.flink.metrics.StreamscoreMetricReporter;
import io.streamscore.spec.KafkaSpec;
import io.streamscore.spec.PipelineSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline inside this process: Kafka (the embedded broker when the spec says {@code bootstrap: embedded},
 * else the given cluster) and a Flink MiniCluster, with checkpoints in the run directory unless the spec names a
 * directory. Everything it opens listens on 127.0.0.1 only. Closing it cancels the job and stops the broker.
 */
public final class LocalRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);

    /**
     * How a local run is set up. {@code workDir} null means a new temporary directory, deleted on close.
     * {@code metricsPort} is where the Prometheus endpoint listens on 127.0.0.1 (0: a free port).
     */
    public record Options(Path workDir, int partitions, int metricsPort) {
        public static final int DEFAULT_PARTITIONS = 2;

        public static Options defaults() {
            return new Options(null, DEFAULT_PARTITIONS);
        }

        /** Metrics on a free port: what tests and embedded uses want. */
        public Options(Path workDir, int partitions) {
            this(workDir, partitions, 0);
        }

        public Options {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
            }
            if (metricsPort < 0 || metricsPort > 65_535) {
                throw new IllegalArgumentException("metrics port must be 0 (any free port) to 65535, was "
                        + metricsPort);
            }
        }
    }

    /** Everything local listens here. */
    public static final String LOCAL_HOST = "127.0.0.1";

    private final PipelineSpec spec;
    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;
    private final Path workDir;
    private final boolean temporaryWorkDir;
    private final long kafkaStartMillis;
    private LocalStores stores;
    /** The port asked for (0: any free one) until a job's cluster bound one; later jobs of this runtime bind it too. */
    private volatile int metricsPort;
    /** Found free at the start; another when it was taken by the time a cluster started on it. */
    private volatile int restPort;
    private SupervisedMiniCluster cluster;
    private JobClient job;
    private long jobStartMillis;

    private LocalRuntime(PipelineSpec spec, EmbeddedKafkaBroker broker, String bootstrapServers, Path workDir,
                         boolean temporaryWorkDir, long kafkaStartMillis, int metricsPort) {
        this.spec = spec;
        this.metricsPort = metricsPort;
        this.restPort = LoopbackPort.free("Flink's REST API");
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.workDir = workDir;
        this.temporaryWorkDir = temporaryWorkDir;
        this.kafkaStartMillis = kafkaStartMillis;
    }

    /**
     * Prepares the run directory, Kafka (starting the embedded broker and creating its topics if needed) and the
     * stores (an embedded Redis when the spec asks for one, the feature-serving API when configured).
     */
    public static LocalRuntime start(PipelineSpec spec, Options options) {
        if (spec.outputs().checkpointDir() != null) {
            CheckpointDirectoryCheck.verify(spec.outputs().checkpointDir());
        }
        LocalStores stores = LocalStores.start(spec);
        try {
            LocalRuntime runtime = startKafka(stores.spec(), options);
            runtime.stores = stores;
            return runtime;
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    private static LocalRuntime startKafka(PipelineSpec spec, Options options) {
        Path dir = workDir(options);
        boolean temporary = options.workDir() == null;
        PipelineSpec resolved = spec;
        if (spec.outputs().checkpointDir() == null) {
            resolved = spec.withOutputs(spec.outputs().withCheckpointDir(checkpointsIn(dir)));
        }
        long started = System.nanoTime();
        if (!spec.kafka().embedded()) {
            return new LocalRuntime(resolved, null, spec.kafka().bootstrap(), dir, temporary, 0, options.metricsPort());
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        broker.createTopics(topics(resolved, options.partitions()));
        long kafkaMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("embedded Kafka ready at {} in {} ms", broker.bootstrapServers(), kafkaMillis);
        return new LocalRuntime(resolved.withKafka(new KafkaSpec(broker.bootstrapServers(), spec.kafka().properties())),
                broker, broker.bootstrapServers(), dir, temporary, kafkaMillis, options.metricsPort());
    }

    /**
     * Where a run of {@code spec} in {@code workDir} keeps its checkpoints, known before anything starts: the spec's
     * {@code checkpoint_dir}, else {@code checkpoints/} in the work dir; null for a temporary work dir (none given),
     * whose checkpoints are deleted with it.
     */
    public static String checkpointDir(PipelineSpec spec, Path workDir) {
        if (spec.outputs().checkpointDir() != null) {
            return spec.outputs().checkpointDir();
        }
        return workDir == null ? null : checkpointsIn(workDir.toAbsolutePath());
    }

    private static String checkpointsIn(Path workDir) {
        return workDir.resolve("checkpoints").toUri().toString();
    }

    private static Path workDir(Options options) {
        try {
            return options.workDir() == null ? Files.createTempDirectory("streamscore-run-")
                    : Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the run directory", e);
        }
    }

    /** Every topic the pipeline reads or writes, with the same partition count (the model-control topic: one). */
    public static Map<String, Integer> topics(PipelineSpec spec, int partitions) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        // One partition for model control: changes are few and must stay in order.
        spec.topicsByField().forEach((field, topic) -> topics.put(topic,
                field.equals(PipelineSpec.CONTROL_TOPIC_FIELD) ? 1 : partitions));
        return topics;
    }

    /**
     * Starts the pipeline job on a MiniCluster of its own, whose lost TaskManagers a {@link TaskManagerSupervisor}
     * replaces, and returns once it is running.
     */
    public JobClient startJob(List<EventStage> stages) throws Exception {
        return startJob(stages, null);
    }

    /**
     * Starts the pipeline job, restoring its state from a checkpoint or savepoint directory when {@code restoreFrom}
     * is not null (offsets, features, pending transactions: the job continues where that checkpoint left off).
     */
    public JobClient startJob(List<EventStage> stages, Path restoreFrom) throws Exception {
        return startJob(stages, restoreFrom, false);
    }

    /**
     * As {@link #startJob(List, Path)}; {@code allowNonRestoredState} drops the checkpoint's state of parts the spec
     * no longer has (a removed feature group, join or alert rule), which otherwise fails the start.
     */
    public JobClient startJob(List<EventStage> stages, Path restoreFrom, boolean allowNonRestoredState)
            throws Exception {
        long started = System.nanoTime();
        Configuration config = localConfiguration();
        String restorePath = restoreFrom == null ? null : restoreFrom.toUri().toString();
        if (restoreFrom != null) {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
            config.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
            LOG.info("restoring pipeline {} from {}", spec.name(), restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config);
        // the feature groups keep the uids the checkpoint holds their state under (older jobs': position and key)
        RecordedUids recorded = RecordedUids.read(restorePath); // NONE when there is no restore
        Optional<String> keyGroups = RestoredKeyGroups.refusal(spec.runtime(), recorded);
        if (keyGroups.isPresent()) {
            throw new IOException("the pipeline could not resume from " + restoreFrom + ": " + keyGroups.get());
        }
        KafkaPipeline.create(spec, bootstrapServers, stages, KafkaPipeline.featureUids(spec, restorePath, recorded))
                .build(env);
        if (restoreFrom != null) { // Flink would name only the first part whose state it cannot restore: name all
            Optional<String> refused =
                    NonRestoredState.check(env, spec, restorePath, recorded, allowNonRestoredState, "run");
            if (refused.isPresent()) {
                throw new IOException("the pipeline could not resume from " + restoreFrom + ": " + refused.get());
            }
        }
        stopJob(); // a previous job's, which may still be shutting down: its ports are this one's
        cluster = SupervisedMiniCluster.start(config, metricsPort); // fails, naming --metrics-port, when it is taken
        metricsPort = cluster.metricsPort();
        int bound = cluster.restPort();
        if (bound != restPort) {
            LOG.warn("Flink's REST port {} was taken after it was found free; the local cluster uses {}", restPort,
                    bound);
            restPort = bound;
        }
        try { // a restore Flink refuses fails the submission here, or the job just after
            job = cluster.submit(env, "streamscore-" + spec.name());
            awaitRunning(job, Duration.ofSeconds(60));
        } catch (Exception e) {
            stopJob();
            throw orphanedState(e, restoreFrom).<Exception>map(orphaned -> orphaned).orElse(e);
        }
        if (restoreFrom != null) {
            awaitRestored(restoreFrom);
        }
        jobStartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("pipeline {} running as job {} after {} ms", spec.name(), job.getJobID(), jobStartMillis);
        return job;
    }

    private Configuration localConfiguration() {
        Configuration config = PipelineConfiguration.flinkConfiguration(spec);
        Configuration local = Configuration.fromMap(Map.of(
                "taskmanager.numberOfTaskSlots", Integer.toString(spec.runtime().parallelism()),
                "rest.address", "127.0.0.1",
                "rest.bind-address", "127.0.0.1",
                // a port found free cannot be held: two more to try, should something have taken it since
                "rest.bind-port", restPort + "," + LoopbackPort.free("Flink's REST API") + ","
                        + LoopbackPort.free("Flink's REST API"),
                "rest.port", Integer.toString(restPort),
                "jobmanager.bind-host", "127.0.0.1",
                "taskmanager.bind-host", "127.0.0.1",
                "taskmanager.host", "127.0.0.1"));
        config.addAll(local);
        return config;
    }

    private static void awaitRunning(JobClient job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status == JobStatus.RUNNING) {
                return;
            }
            if (status.isGloballyTerminalState()) {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS); // throws with the job's failure cause
                throw new IllegalStateException("the pipeline job ended at start with status " + status);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline job was not running after " + timeout + " (" + status
                        + ")");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Returns once every task runs, so its state was restored. A checkpoint whose state does not fit the spec (taken
     * on another state backend, say) fails in the tasks after the job is RUNNING, and the restart strategy would
     * retry it forever while {@code run} went on scoring nothing: the job is cancelled and the start fails with
     * Flink's cause instead ({@link JobStartCheck}, as {@code submit} does on a cluster).
     */
    private void awaitRestored(Path restoreFrom) throws IOException {
        Function<String, String> cancelled = jobId -> "The job was cancelled: resume with the spec's settings the "
                + "checkpoint was taken with (its state_backend, for one), or start without --resume-from";
        try {
            new JobStartCheck(new FlinkRestClient(flinkRestUrl()), cancelled, cancelled)
                    .await(job.getJobID().toHexString(), Duration.ofMinutes(2));
        } catch (IOException e) {
            stopJob();
            Optional<IOException> orphaned = orphanedState(e, restoreFrom);
            if (orphaned.isPresent()) {
                throw orphaned.get();
            }
            throw new IOException("the pipeline could not resume from " + restoreFrom + ": " + e.getMessage(), e);
        }
    }

    /**
     * Flink's refusal of a checkpoint with state of a part this spec no longer has, anywhere in {@code failure}'s
     * causes, in our words ({@link OrphanedState}: the part, and {@code run}'s option that drops its state).
     */
    private Optional<IOException> orphanedState(Exception failure, Path restoreFrom) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Optional<String> ours = OrphanedState.explain(cause.getMessage(), spec, restoreFrom.toString(), "run");
            if (ours.isPresent()) {
                IOException error = new IOException("the pipeline could not resume from " + restoreFrom + ": "
                        + ours.get());
                error.addSuppressed(failure); // not the cause: the error line would repeat Flink's text after ours
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    /** The spec as it runs: Kafka address and checkpoint directory filled in. */
    public PipelineSpec spec() {
        return spec;
    }

    /**
     * The Prometheus endpoint, {@code http://127.0.0.1:PORT/metrics}, served while the job runs; with the port left to
     * the runtime (0), known once {@link #startJob} has returned.
     */
    public String metricsUrl() {
        return "http://" + LOCAL_HOST + ":" + metricsPort + StreamscoreMetricReporter.PATH;
    }

    /**
     * The MiniCluster's REST API ({@code http://127.0.0.1:PORT}: {@code /jobs/:jobid/checkpoints} and the rest of
     * Flink's monitoring API), served while the job runs. Its port is found free when this runtime is made, so the URL
     * is known before a job; when something took that port by the time a job's cluster bound it, the cluster used one
     * of two more (the URL follows it once {@link #startJob} returned).
     */
    public String flinkRestUrl() {
        return "http://" + LOCAL_HOST + ":" + restPort;
    }

    /** The metrics endpoint's port: as asked for, or the free one bound by the first {@link #startJob}. */
    public int metricsPort() {
        return metricsPort;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path workDir() {
        return workDir;
    }

    /** The feature-serving API's base URL ({@code http://127.0.0.1:7070/v1/features}), or null when not configured. */
    public String servingUrl() {
        return stores.servingUrl();
    }

    /** Milliseconds the embedded broker took to start and create the topics (0 with an external cluster). */
    public long kafkaStartMillis() {
        return kafkaStartMillis;
    }

    /** Milliseconds from job submission to RUNNING. */
    public long jobStartMillis() {
        return jobStartMillis;
    }

    /**
     * Cancels the job (its last checkpoints are kept in the run directory unless it is temporary), waits for its end
     * and shuts its MiniCluster down: {@link SupervisedMiniCluster#close()} does all three, with one cancel.
     */
    public void stopJob() {
        job = null;
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Override
    public void close() {
        stopJob();
        if (broker != null) {
            broker.close();
        }
        stores.close();
        if (temporaryWorkDir) {
            DirectoryCleaner.deleteQuietly(workDir);
        }
    }
}

package io.streamscore.bench.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One in-process MiniCluster (one TaskManager, one slot) that runs every benchmark job at parallelism 1, so a
 * throughput is the events one keyed task handles per second. Jobs are submitted one at a time and never overlap.
 */
final class BenchCluster implements AutoCloseable {
    private static final long REPLAY_TIMEOUT_SECONDS = 1_800;

    private final MiniCluster cluster;
    private final Path scratch;

    BenchCluster(Path scratch) throws Exception {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("256m"));
        this.cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(config)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(1).withRandomPorts().build());
        this.scratch = scratch;
        cluster.start();
    }

    /** Replays the first {@code limit} events of {@code input} through the engine; returns the timing and counts. */
    TimedRun timed(FeatureEngine engine, String input, int limit, long boundMillis) throws Exception {
        StreamExecutionEnvironment env = environment(engine);
        probe(engine.outputs(ReplaySource.events(env, input, limit, false, boundMillis)), false);
        JobExecutionResult result = execute(env, engine.name());
        long started = result.getAccumulatorResult(ReplayFunction.STARTED_NANOS);
        long finished = result.getAccumulatorResult(OutputProbe.FINISHED_NANOS);
        Long late = result.getAccumulatorResult(LateEventCounter.LATE);
        return new TimedRun(limit, finished - started, result.getAccumulatorResult(OutputProbe.TASK_CPU_NANOS),
                result.getAccumulatorResult(OutputProbe.OUTPUTS), late == null ? 0 : late);
    }

    /** Runs the engine to the end of input and returns the samples whose ids are in {@code ids}. */
    List<FeatureSample> samples(FeatureEngine engine, String input, int limit, long boundMillis, Set<String> ids)
            throws Exception {
        StreamExecutionEnvironment env = environment(engine);
        probe(engine.samples(ReplaySource.events(env, input, limit, false, boundMillis))
                .filter(new SampleFilter(ids)).name("sample-filter"), true);
        JobExecutionResult result = execute(env, engine.name() + "-agreement");
        Long late = result.getAccumulatorResult(LateEventCounter.LATE);
        if (late != null && late > 0) {
            throw new IllegalStateException(engine.name() + " saw " + late + " late events in an agreement run");
        }
        return OutputProbe.samples(result.getAccumulatorResult(OutputProbe.SAMPLES));
    }

    /**
     * Size of a canonical savepoint taken right after the whole input went through the engine (the job is kept alive
     * past the input so that its state is still there; aligned barriers follow every replayed event). Canonical
     * savepoints have the same format on every backend, so sizes compare across engines and backends.
     */
    long savepointBytes(FeatureEngine engine, String input, int limit, long boundMillis) throws Exception {
        StreamExecutionEnvironment env = environment(engine);
        probe(engine.outputs(ReplaySource.events(env, input, limit, true, boundMillis)), false);
        ReplayInputs.rearm(input);
        JobID job = cluster.submitJob(graph(env, engine.name() + "-state")).get().getJobID();
        try {
            if (!ReplayInputs.awaitReplayed(input, REPLAY_TIMEOUT_SECONDS)) {
                throw new IllegalStateException(engine.name() + " did not replay its input in time");
            }
            Path target = Files.createTempDirectory(scratch, "savepoint-");
            String location = cluster.triggerSavepoint(job, target.toUri().toString(), false,
                    SavepointFormatType.CANONICAL).get();
            long bytes = directorySize(target);
            deleteRecursively(target);
            if (bytes == 0) {
                throw new IllegalStateException("empty savepoint at " + location);
            }
            return bytes;
        } finally {
            cluster.cancelJob(job).get();
            cluster.requestJobResult(job).get();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    private StreamExecutionEnvironment environment(FeatureEngine engine) {
        Configuration job = new Configuration();
        // File checkpoint storage: the default keeps snapshots in JobManager memory, capped at 5 MB.
        job.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, scratch.resolve("checkpoints").toUri().toString());
        engine.configure(job);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(job);
        env.setParallelism(1);
        return env;
    }

    private static <T> void probe(DataStream<T> outputs, boolean keepSamples) {
        outputs.flatMap(new OutputProbe<T>(keepSamples)).name("probe").sinkTo(new DiscardingSink<>()).name("discard");
    }

    private static StreamGraph graph(StreamExecutionEnvironment env, String name) {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        graph.setJobId(new JobID());
        return graph;
    }

    private JobExecutionResult execute(StreamExecutionEnvironment env, String name) throws Exception {
        JobID job = cluster.submitJob(graph(env, name)).get().getJobID();
        return cluster.requestJobResult(job).get().toJobExecutionResult(getClass().getClassLoader());
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /**
     * One timed replay: {@code events} in {@code nanos} from the first event out of the source to the last output,
     * of which the keyed task's thread spent {@code taskCpuNanos} on the CPU.
     */
    record TimedRun(int events, long nanos, long taskCpuNanos, long outputs, long lateEvents) {
        double eventsPerSecond() {
            return events / (nanos / 1e9);
        }

        double eventsPerTaskCpuSecond() {
            return events / (taskCpuNanos / 1e9);
        }
    }
}

package io.streamscore.cli;

import io.streamscore.cli.cluster.FlinkRestClient;
import io.streamscore.cli.cluster.JobStartCheck;
import io.streamscore.cli.cluster.OrphanedState;
import io.streamscore.cli.cluster.UnrestoredStateCheck;
import io.streamscore.flink.internal.NonRestoredState;
import io.streamscore.flink.internal.RecordedUids;
import io.streamscore.flink.internal.RestoredKeyGroups;
import io.streamscore.flink.job.ClusterJobArguments;
import io.streamscore.spec.KafkaSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.RedisStoreSpec;
import io.streamscore.spec.SpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamscore submit SPEC --jobmanager HOST:PORT}: validates the spec here, checks from here that its servers
 * answer ({@link PreflightOptions}: Kafka with the {@code --bootstrap-servers} given, source topics, stores), uploads
 * the job jar to the Flink cluster's REST API and runs it with the spec as program arguments; prints the job id, then
 * waits until every task of the job runs ({@link JobStartCheck}) and fails with Flink's cause if it does not start.
 * Before uploading a job that restores from a savepoint, it finds here the parts whose state the restore drops
 * ({@link UnrestoredStateCheck}): it prints them with {@code --allow-non-restored-state}, and refuses without it.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a pipeline to a Flink cluster through its REST API; prints the job id.")
public final class SubmitCommand implements Callable<Integer> {
    /** Set by bin/streamscore: where the build leaves the job jar. */
    public static final String JOB_JAR_PROPERTY = "streamscore.job.jar";

    @Parameters(index = "0", paramLabel = "SPEC", description = "The pipeline spec (YAML).")
    Path specFile;

    @Option(names = "--jobmanager", required = true, paramLabel = "HOST:PORT",
            description = "The JobManager's REST address (rest.port, 8081 by default).")
    String jobManager;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "Restore the job's state from this savepoint (or retained checkpoint) directory.")
    String fromSavepoint;

    @Option(names = "--allow-non-restored-state",
            description = "With --from-savepoint: drop the savepoint's state of operators the spec no longer has (a "
                    + "removed feature group, join or alert rule) instead of refusing the savepoint; they are listed "
                    + "in a warning.")
    boolean allowNonRestoredState;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka for the job, overriding the spec's kafka.bootstrap (required when it is `embedded`).")
    String bootstrapServers;

    @Option(names = "--job-jar", paramLabel = "JAR",
            description = "The job jar to upload (default: streamscore-flink/target/streamscore-job.jar from the "
                    + "build).")
    Path jobJar;

    @Option(names = "--start-timeout", defaultValue = "2m", paramLabel = "DURATION",
            description = "How long to wait for every task of the job to run, its state restored, before saying it "
                    + "did not start (default ${DEFAULT-VALUE}); 0s returns once the cluster accepted the job.")
    Duration startTimeout;

    @CommandLine.Mixin
    PreflightOptions preflight;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        OptionChecks.jobManager(command, jobManager);
        OptionChecks.clusterPath(command, "--from-savepoint", fromSavepoint);
        if (allowNonRestoredState && fromSavepoint == null) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--allow-non-restored-state applies only to a restore: give --from-savepoint PATH too");
        }
        OptionChecks.kafkaServers(command, "--bootstrap-servers", bootstrapServers);
        PipelineSpec spec = SpecLoader.load(specFile);
        RedisStoreSpec redis = spec.stores().redis();
        if (redis != null && RedisStoreSpec.EMBEDDED.equals(redis.address())) {
            throw new IllegalArgumentException("the spec's stores.redis.address is `embedded`, a redis-server that "
                    + "only `streamscore run` and `demo` start inside their process: set it to a Redis server the "
                    + "Flink cluster reaches (host:port)");
        }
        if (spec.kafka().embedded() && bootstrapServers == null) {
            throw new CommandLine.ParameterException(command.commandLine(), "the spec's kafka.bootstrap is `embedded`, "
                    + "which only runs inside one process: pass --bootstrap-servers HOST:PORT of the cluster's Kafka");
        }
        Path jar = jobJar();
        PipelineSpec asSubmitted = bootstrapServers == null ? spec
                : spec.withKafka(new KafkaSpec(bootstrapServers, spec.kafka().properties()));
        if (!preflight.passes(asSubmitted, specFile, command.commandLine().getErr(), "nothing was submitted",
                "these checks ran from this machine: pass --skip-preflight if the servers are reachable only from "
                        + "the Flink cluster.")) {
            return 1;
        }
        List<String> jobArguments = ClusterJobArguments.inline(Files.readString(specFile),
                specFile.toAbsolutePath().getParent(), bootstrapServers);
        if (fromSavepoint != null) {
            checkRestore(asSubmitted, jobArguments);
        }
        FlinkRestClient flink = new FlinkRestClient(jobManager);
        String jarId = flink.uploadJar(jar);
        String jobId;
        try {
            jobId = flink.runJar(jarId, jobArguments, fromSavepoint, allowNonRestoredState);
        } catch (IOException e) {
            throw inOurWords(e, asSubmitted);
        } finally {
            deleteQuietly(flink, jarId);
        }
        PrintWriter out = command.commandLine().getOut();
        out.println(jobId); // first, so that a script has the id to cancel a job that then does not start
        out.flush();
        if (!startTimeout.isZero()) {
            try {
                new JobStartCheck(flink, jobManager).await(jobId, startTimeout);
            } catch (IOException e) {
                throw inOurWords(e, asSubmitted);
            }
        }
        return 0;
    }

    /**
     * A parallelism the savepoint's key groups cannot take ({@link RestoredKeyGroups}), refused; then the parts whose
     * state the savepoint holds and the job no longer has, found here before anything is uploaded
     * ({@link UnrestoredStateCheck}): with {@code --allow-non-restored-state} printed as the state it drops, else
     * refused with the JobManager's words. The parts are not checked with {@code --skip-preflight} (building the job
     * reads Kafka, which may answer only on the cluster); neither is checked when the savepoint is not readable here:
     * the JobManager still refuses such a restore in the same words, or lists the parts in its log.
     */
    private void checkRestore(PipelineSpec spec, List<String> jobArguments) throws IOException {
        RecordedUids recorded = RecordedUids.read(fromSavepoint);
        Optional<String> keyGroups = RestoredKeyGroups.refusal(spec.runtime(), recorded);
        if (keyGroups.isPresent()) { // nothing was uploaded
            throw new IOException("the pipeline could not resume from " + fromSavepoint + ": " + keyGroups.get());
        }
        List<String> parts = unrestoredParts(jobArguments, recorded).orElse(List.of());
        if (parts.isEmpty()) {
            return;
        }
        if (!allowNonRestoredState) {
            throw new IOException(NonRestoredState.refusal(parts, "submit")); // nothing was uploaded
        }
        PrintWriter err = command.commandLine().getErr();
        err.println("warning: " + NonRestoredState.dropped(fromSavepoint, parts));
        err.flush();
    }

    /** {@link UnrestoredStateCheck#parts}; when they cannot be found here, says so once if the state is dropped. */
    private Optional<List<String>> unrestoredParts(List<String> jobArguments, RecordedUids recorded) {
        String unchecked = "with --skip-preflight the job, which reads Kafka, is not built here";
        if (!preflight.skip) {
            try {
                Optional<List<String>> parts = UnrestoredStateCheck.parts(
                        ClusterJobArguments.parse(jobArguments.toArray(String[]::new)).spec(), fromSavepoint, recorded);
                if (parts.isPresent()) {
                    return parts;
                }
                unchecked = "the savepoint's metadata is not readable from this machine";
            } catch (RuntimeException e) { // a model registry only the cluster reaches, say: the JobManager checks
                unchecked = "the job does not build here: " + e.getMessage();
            }
        }
        if (allowNonRestoredState) {
            PrintWriter err = command.commandLine().getErr();
            err.println("note: the parts whose state --allow-non-restored-state drops are not listed here ("
                    + unchecked + "): the JobManager's log lists them");
            err.flush();
        }
        return Optional.empty();
    }

    /**
     * Flink refuses a savepoint holding state of an operator the job no longer has by that operator's hash, and
     * names its own CLI's option: say which part of the pipeline it was and name ours ({@link OrphanedState}).
     */
    private IOException inOurWords(IOException error, PipelineSpec spec) {
        return OrphanedState.explain(error.getMessage(), spec, fromSavepoint, "submit").map(message -> {
            IOException ours = new IOException(message);
            ours.addSuppressed(error); // not the cause: the error line would repeat Flink's text after ours
            return ours;
        }).orElse(error);
    }

    /** The job runs without the uploaded jar; a failed delete costs disk on the cluster, not the submit. */
    private void deleteQuietly(FlinkRestClient flink, String jarId) {
        try {
            flink.deleteJar(jarId);
        } catch (IOException e) {
            command.commandLine().getErr().println("warning: could not delete the uploaded jar " + jarId
                    + " from the JobManager: " + e.getMessage());
        }
    }

    private Path jobJar() {
        Path jar = jobJar;
        if (jar == null && System.getProperty(JOB_JAR_PROPERTY) != null) {
            jar = Path.of(System.getProperty(JOB_JAR_PROPERTY));
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new CommandLine.ParameterException(command.commandLine(), "no job jar at " + jar
                    + ": build it with `./mvnw package -pl streamscore-flink -am` or pass --job-jar");
        }
        return jar;
    }
}

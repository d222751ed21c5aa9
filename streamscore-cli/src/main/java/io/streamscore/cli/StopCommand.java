package io.streamscore.cli;

import io.streamscore.cli.cluster.FlinkRestClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamscore stop JOBID --jobmanager HOST:PORT --savepoint DIR}: stops a submitted pipeline with a savepoint
 * and prints its path (resume with {@code submit --from-savepoint PATH}). Without {@code --savepoint} it cancels the
 * job; its retained checkpoints stay.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop a pipeline on a Flink cluster, with a savepoint to resume from; prints the savepoint path.")
public final class StopCommand implements Callable<Integer> {
    /** Flink's job states after which nothing runs any more. */
    private static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED");
    /** {@code --savepoint} without a directory: the cluster's default (a value no path or URI can be). */
    private static final String CLUSTER_DEFAULT = "<the cluster's default>";

    @Parameters(index = "0", paramLabel = "JOBID", description = "The job id `submit` printed.")
    String jobId;

    @Option(names = "--jobmanager", required = true, paramLabel = "HOST:PORT",
            description = "The JobManager's REST address.")
    String jobManager;

    @Option(names = "--savepoint", paramLabel = "DIR", arity = "0..1", fallbackValue = CLUSTER_DEFAULT,
            description = "Stop with a savepoint in DIR (an absolute path or URI the cluster can write); without DIR, "
                    + "in the cluster's execution.checkpointing.savepoint-dir. Left out: cancel without a savepoint.")
    String savepointDir;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION",
            description = "How long to wait for the savepoint (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        OptionChecks.jobId(command, jobId);
        OptionChecks.jobManager(command, jobManager);
        String directory = CLUSTER_DEFAULT.equals(savepointDir) ? null : savepointDir;
        OptionChecks.clusterPath(command, "--savepoint", directory);
        OptionChecks.positive(command, "--timeout", timeout);
        FlinkRestClient flink = new FlinkRestClient(jobManager);
        PrintWriter out = command.commandLine().getOut();
        String status = flink.jobStatus(jobId);
        if (TERMINAL.contains(status)) {
            // Flink would answer "not found" to a stop, and a cancel of an ended job does nothing.
            throw new IllegalArgumentException("job " + jobId + " has already ended (" + status + "); nothing to "
                    + "stop" + (status.equals("FINISHED") ? "" : ": resume it with `streamscore submit SPEC "
                    + "--from-savepoint PATH`, PATH a savepoint or retained checkpoint of it"));
        }
        if (savepointDir == null) {
            flink.cancel(jobId);
            out.println("cancelled " + jobId);
        } else {
            out.println(flink.stopWithSavepoint(jobId, directory, timeout));
        }
        out.flush();
        return 0;
    }
}

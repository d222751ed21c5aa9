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
    @Parameters(index = "0", paramLabel = "JOBID", description = "The job id `submit` printed.")
    String jobId;

    @Option(names = "--jobmanager", required = true, paramLabel = "HOST:PORT", description = "The JobManager's REST address.")
    String jobManager;

    @Option(names = "--savepoint", paramLabel = "DIR",
            description = "Directory (URI or path the cluster can write) for the savepoint; left out: cancel without one.")
    String savepointDir;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION",
            description = "How long to wait for the savepoint (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    /** Flink's job states after which nothing runs any more. */
    private static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED");

    @Override
    public Integer call() throws Exception {
        OptionChecks.jobId(command, jobId);
        OptionChecks.jobManager(command, jobManager);
        OptionChecks.clusterPath(command, "--savepoint", savepointDir);
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
            out.println(flink.stopWithSavepoint(jobId, savepointDir, timeout));
        }
        out.flush();
        return 0;
    }
}

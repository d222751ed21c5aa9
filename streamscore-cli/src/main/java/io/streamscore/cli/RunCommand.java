package io.streamscore.cli;

import io.streamscore.cli.dashboard.LiveDashboard;
import io.streamscore.cli.local.CheckpointLocator;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamscore run SPEC}: runs a pipeline in this process (Flink MiniCluster) against the spec's Kafka
 * cluster, or an embedded broker when the spec says {@code bootstrap: embedded}, until Ctrl-C.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a pipeline locally (Flink MiniCluster) until Ctrl-C.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Pipeline spec file (YAML).")
    Path specFile;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Directory for checkpoints (and the embedded broker's data); default: a temporary one, "
                    + "deleted on exit.")
    Path workDir;

    @Option(names = "--partitions", defaultValue = "2",
            description = "Partitions of the topics created on the embedded broker (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--resume-from", paramLabel = "latest|PATH",
            description = "Restore state and offsets from a checkpoint or savepoint: a path, or 'latest' for the "
                    + "newest complete checkpoint in the spec's checkpoint_dir (or --work-dir).")
    String resumeFrom;

    @Option(names = "--allow-non-restored-state",
            description = "With --resume-from: drop the checkpoint's state of parts the spec no longer has (a removed "
                    + "feature group, join or alert rule) instead of refusing to resume.")
    boolean allowNonRestoredState;

    @Option(names = "--metrics-port", defaultValue = "9249", paramLabel = "PORT",
            description = "Port of the Prometheus endpoint on 127.0.0.1; 0 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--dashboard-port", paramLabel = "PORT",
            description = "Also serve the live dashboard on 127.0.0.1:PORT (0 picks a free port); "
                    + "default: no dashboard.")
    Integer dashboardPort;

    @CommandLine.Mixin
    PreflightOptions preflight;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        OptionChecks.atLeast(command, "--partitions", partitions, 1);
        OptionChecks.port(command, "--metrics-port", metricsPort);
        OptionChecks.port(command, "--dashboard-port", dashboardPort);
        if (resumeFrom != null && !resumeFrom.equals("latest")) {
            CheckpointLocator.restoreProblem(Path.of(resumeFrom)).ifPresent(problem -> {
                throw new CommandLine.ParameterException(command.commandLine(), "--resume-from: " + problem
                        + "; give a checkpoint directory (chk-<n>) or a savepoint directory, or `latest`");
            });
        }
        if (allowNonRestoredState && resumeFrom == null) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--allow-non-restored-state applies only to a restore: give --resume-from too");
        }
        LocalPortCheck.requireFree("--metrics-port", metricsPort);
        LocalPortCheck.requireFree("--dashboard-port", dashboardPort);
        PipelineSpec spec = SpecLoader.load(specFile);
        Path restoreFrom = restorePath(spec); // before anything starts: `latest` may find nothing to resume
        try (ShutdownSignal stop = new ShutdownSignal();
             LocalRuntime runtime = LocalRuntime.start(spec,
                     new LocalRuntime.Options(workDir, partitions, metricsPort))) {
            if (!preflight.passes(runtime.spec(), specFile, command.commandLine().getErr(),
                    "the pipeline was not started", "pass --skip-preflight if they are reachable only from where the "
                            + "job runs.")) {
                return 1;
            }
            JobClient job = runtime.startJob(List.of(), restoreFrom, allowNonRestoredState);
            out.printf("Pipeline %s running as Flink job %s; Kafka at %s; checkpoints in %s%n", spec.name(),
                    job.getJobID(), runtime.bootstrapServers(), runtime.spec().outputs().checkpointDir());
            out.println("Metrics: " + runtime.metricsUrl());
            if (runtime.servingUrl() != null) {
                out.println("Feature API: " + runtime.servingUrl() + "/{entity}");
            }
            try (LiveDashboard dashboard = dashboardPort == null ? null : LiveDashboard.start(runtime, dashboardPort)) {
                if (dashboard != null) {
                    out.println("Dashboard: " + dashboard.url());
                }
                out.println("Press Ctrl-C to stop.");
                out.flush();
                job.getJobExecutionResult().whenComplete((result, failure) -> stop.trigger());
                while (!stop.await(java.time.Duration.ofDays(1))) {
                    // keep running until Ctrl-C or the job ends
                }
            }
        }
        return 0;
    }

    private Path restorePath(PipelineSpec spec) {
        if (resumeFrom == null) {
            return null;
        }
        if (!resumeFrom.equals("latest")) {
            return Path.of(resumeFrom);
        }
        String checkpoints = LocalRuntime.checkpointDir(spec, workDir);
        if (checkpoints == null) {
            throw new CommandLine.ParameterException(command.commandLine(), "--resume-from latest: a run without "
                    + "--work-dir (or a checkpoint_dir in the spec) keeps no checkpoints to resume from; give the "
                    + "--work-dir of the run to continue, or a checkpoint or savepoint path");
        }
        return CheckpointLocator.latestComplete(checkpoints).orElseThrow(() -> new CommandLine.ParameterException(
                command.commandLine(), "--resume-from latest: no complete checkpoint in " + checkpoints
                + "; run once with --work-dir DIR (or a checkpoint_dir in the spec) so checkpoints are kept"));
    }
}

package io.streamscore.cli;

import io.streamscore.cli.local.Preflight;
import io.streamscore.spec.PipelineSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The preflight options {@code run} and {@code submit} share ({@code --skip-preflight}, {@code --preflight-timeout})
 * and how a failed preflight is reported: every problem, naming its spec field, and what was not started.
 */
public final class PreflightOptions {
    @Option(names = "--skip-preflight",
            description = "Start the job without first checking that the Kafka bootstrap, the source topics, the "
                    + "stores and the model server (model.remote) answer: for servers reachable only from where the "
                    + "job runs, not from this machine.")
    boolean skip;

    @Option(names = "--preflight-timeout", defaultValue = "5s", paramLabel = "DURATION",
            description = "How long each server gets to answer the preflight check; the checks run at once "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /**
     * True when skipped or when every server {@code spec} names answers; otherwise prints each failure to {@code err}
     * and false.
     *
     * @param notStarted what did not happen, for the first line ("the pipeline was not started")
     * @param where      where the checks ran and the job will run, for the hint about {@code --skip-preflight}
     */
    boolean passes(PipelineSpec spec, Path specFile, PrintWriter err, String notStarted, String where) {
        if (skip) {
            return true;
        }
        List<Preflight.Failure> failures = new Preflight(timeout).check(spec);
        if (failures.isEmpty()) {
            return true;
        }
        err.printf("error: %d problem(s) with the servers in %s; %s:%n", failures.size(), specFile, notStarted);
        failures.forEach(failure -> err.println("  " + failure));
        err.println("Fix the spec (or start the servers); " + where);
        err.flush();
        return false;
    }
}

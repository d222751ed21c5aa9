package io.streamscore.bench;

import io.streamscore.bench.features.FeaturesCommand;
import io.streamscore.bench.pipeline.PipelineCommand;
import io.streamscore.bench.remote.RemoteCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code streamscore-bench.jar} ({@code bin/streamscore bench ...}): {@code features} runs the
 * feature-engine benchmark against Flink's own windows, {@code pipeline} the fraud pipeline end to end against a raw
 * Kafka loop, {@code remote} the remote scorer batched against single requests, {@code jmh} hands the rest of the
 * arguments to JMH (the micro-benchmarks in this module). Exit codes: 0 done (or {@code --help}), 1 the benchmark
 * failed, 2 bad arguments (picocli's message and the usage).
 */
@Command(name = "streamscore bench",
        description = "Benchmarks of Streamscore on this machine. '<command> --help' lists a command's options.",
        subcommands = {FeaturesCommand.class, PipelineCommand.class, RemoteCommand.class, JmhCommand.class})
public final class BenchLauncher implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: features, pipeline, remote or jmh");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, for main and for tests. A repeated option keeps its last value, as the
     * hand-written parsers did; {@code @file} arguments are not expanded (JMH's arguments pass through verbatim).
     */
    public static CommandLine commandLine() {
        return new CommandLine(new BenchLauncher()).setOverwrittenOptionsAllowed(true).setExpandAtFiles(false);
    }
}

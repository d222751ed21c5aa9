package io.streamscore.bench.remote;

import io.streamscore.bench.HelpOption;
import io.streamscore.bench.PositiveCount;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench remote}: parses the options, then hands over to {@link RemoteScoringBenchmark}. */
@Command(name = "remote", sortOptions = false,
        description = "The remote scorer against a local 'streamscore serve' with a 100-tree model: micro-batched"
                + " (max_batch 64) with JSON and with binary tensors over REST, and over gRPC, against one request per"
                + " event; events/s and p50/p99 latency, medians over the runs.")
public final class RemoteCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;
    @Spec
    CommandSpec spec;

    @Option(names = "--json", required = true, paramLabel = "FILE", description = "Where the JSON report goes.")
    Path json;
    @Option(names = "--events", paramLabel = "N", converter = PositiveCount.class, defaultValue = "40000",
            description = "Events scored per run and mode. Default: ${DEFAULT-VALUE}.")
    int events;
    @Option(names = "--runs", paramLabel = "N", converter = PositiveCount.class, defaultValue = "3",
            description = "Runs (the median is reported). Default: ${DEFAULT-VALUE}.")
    int runs;
    @Option(names = "--features", paramLabel = "F", converter = PositiveCount.class, defaultValue = "2",
            description = "Features per row (the model's width). Default: ${DEFAULT-VALUE}.")
    int features;
    @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "2",
            description = "Unmeasured rounds of every mode, N events each, before the measured runs (server and client"
                    + " JIT, connection pools). Default: ${DEFAULT-VALUE}.")
    int warmUpRounds;

    @Override
    public Integer call() throws Exception {
        if (warmUpRounds < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup-rounds must be 0 or more, not " + warmUpRounds);
        }
        return RemoteScoringBenchmark.run(json, events, runs, features, warmUpRounds);
    }
}

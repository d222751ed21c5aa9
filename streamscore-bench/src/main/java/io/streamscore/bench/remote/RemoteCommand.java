package io.streamscore.bench.remote;

import io.streamscore.bench.HelpOption;
import io.streamscore.bench.PositiveCount;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench remote}: parses the options, then hands over to {@link RemoteScoringBenchmark}. */
@Command(name = "remote", sortOptions = false,
        description = "The remote scorer against a local 'streamscore serve' with a 100-tree model: micro-batched"
                + " (max_batch 64) with JSON and with binary tensors, against one request per event; events/s and"
                + " p50/p99 latency, medians over the runs.")
public final class RemoteCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

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

    @Override
    public Integer call() throws Exception {
        return RemoteScoringBenchmark.run(json, events, runs, features);
    }
}

package io.streamscore.bench.features;

import io.streamscore.bench.HelpOption;
import io.streamscore.bench.PositiveCount;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench features}: parses and validates the options, then hands over to {@link FeatureBenchmark}. */
@Command(name = "features", sortOptions = false,
        description = "Streamscore's window features (count, sum, avg, max of the amount over 5 min per key) against"
                + " Flink's sliding windows and SQL OVER on the same in-memory input, MiniCluster parallelism 1;"
                + " checks that the engines' outputs agree (exit 1 if not).")
public final class FeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;

    @Option(names = "--json", required = true, paramLabel = "FILE", description = "Where the JSON report goes.")
    Path json;
    @Option(names = "--keys", split = ",", paramLabel = "N", converter = PositiveCount.class,
            defaultValue = "10000,1000000", description = "Key counts, one benchmark each. Default: ${DEFAULT-VALUE}.")
    List<Integer> keys;
    @Option(names = "--events", split = ",", paramLabel = "N", converter = PositiveCount.class,
            defaultValue = "" + FeatureBenchmarkOptions.DEFAULT_EVENTS,
            description = "Events per key count: one count for all, or one per --keys entry. "
                    + "Default: ${DEFAULT-VALUE}.")
    List<Integer> events;
    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + FeatureBenchmarkOptions.MIN_RUNS,
            description = "Timed runs per engine and key count (the median is reported), at least "
                    + FeatureBenchmarkOptions.MIN_RUNS + ". Default: ${DEFAULT-VALUE}.")
    int runs;
    @Option(names = "--warmup-rounds", paramLabel = "N",
            defaultValue = "" + FeatureBenchmarkOptions.DEFAULT_WARMUP_ROUNDS,
            description = "Unmeasured rounds of every engine (up to " + FeatureBenchmark.WARMUP_EVENTS + " events each)"
                    + " before the first engine's runs of each key count, besides each engine's own warm-up replay"
                    + " right before its runs. Default: ${DEFAULT-VALUE}.")
    int warmUpRounds;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the input generator. Default: ${DEFAULT-VALUE}.")
    long seed;
    @Option(names = "--only", split = ",", paramLabel = "ENGINE",
            description = "Run only these engines (skips the agreement checks): streamscore-heap, streamscore-rocksdb,"
                    + " streamscore-rocksdb-uncached, datastream-sliding, sql-over, reference-keyby-only,"
                    + " reference-core-no-flink. Default: all.")
    List<String> only;

    @Override
    public Integer call() throws Exception {
        return FeatureBenchmark.run(options());
    }

    /** The validated options; a bad combination is a usage error (exit 2) naming the option. */
    FeatureBenchmarkOptions options() {
        List<Integer> perKeys = events.size() == 1 ? Collections.nCopies(keys.size(), events.get(0)) : events;
        try {
            return new FeatureBenchmarkOptions(json, keys, perKeys, runs, warmUpRounds, seed,
                    only == null ? List.of() : only);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}

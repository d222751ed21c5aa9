package io.streamscore.bench;

import io.streamscore.bench.features.FeatureBenchmark;
import java.util.Arrays;

/**
 * Entry point of {@code streamscore-bench.jar}: {@code features ...} runs the feature-engine benchmark against Flink's
 * own windows, {@code pipeline ...} the fraud pipeline end to end against a raw Kafka loop, {@code jmh ...} hands the rest of the arguments to JMH (the micro-benchmarks in this module).
 */
public final class BenchLauncher {
    private BenchLauncher() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "remote" -> System.exit(io.streamscore.bench.remote.RemoteScoringBenchmark.run(rest));
            case "features" -> System.exit(FeatureBenchmark.run(rest));
            case "pipeline" -> System.exit(io.streamscore.bench.pipeline.PipelineBenchmark.run(rest));
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.err.println("usage: streamscore-bench features --json FILE [--keys 10000,1000000] [--events N]"
                        + " [--runs 3]\n       streamscore-bench pipeline --json FILE [--keys 10000,1000000] [--events N]"
                        + " [--runs 3] [--live-seconds 10]\n       streamscore-bench jmh [JMH options]");
                System.exit(2);
            }
        }
    }
}

package io.streamscore.bench.features;

import java.nio.file.Path;
import java.util.List;

/**
 * Command-line options of {@code bench features} ({@link FeaturesCommand} parses them).
 *
 * @param json   where the JSON report goes
 * @param keys   key-space sizes, one benchmark each
 * @param events events per key-space size (same length as {@code keys})
 * @param runs   timed runs per engine and key count (the median is reported), at least 3
 * @param warmUpRounds unmeasured replays of every engine (a prefix of the input) before any is measured, per key count
 * @param seed   input generator seed
 * @param only   engine names to run (all when empty; agreement checks need all three of ours, sliding, SQL)
 */
public record FeatureBenchmarkOptions(Path json, List<Integer> keys, List<Integer> events, int runs,
                                      int warmUpRounds, long seed, List<String> only) {
    public static final int DEFAULT_EVENTS = 2_000_000;
    public static final int MIN_RUNS = 3;
    public static final int DEFAULT_WARMUP_ROUNDS = 2;

    public FeatureBenchmarkOptions {
        if (json == null) {
            throw new IllegalArgumentException("--json FILE is required");
        }
        if (keys.isEmpty() || keys.size() != events.size()) {
            throw new IllegalArgumentException("--events takes one count, or one per --keys entry");
        }
        if (runs < MIN_RUNS) {
            throw new IllegalArgumentException("--runs must be at least " + MIN_RUNS + " (the median of 3 or more)");
        }
        if (warmUpRounds < 0) {
            throw new IllegalArgumentException("--warmup-rounds must be at least 0, got " + warmUpRounds);
        }
        keys = List.copyOf(keys);
        events = List.copyOf(events);
        only = List.copyOf(only);
    }
}

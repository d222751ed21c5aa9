package io.streamscore.bench.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@code bench features}.
 *
 * @param json   where the JSON report goes
 * @param keys   key-space sizes, one benchmark each
 * @param events events per key-space size (same length as {@code keys})
 * @param runs   timed runs per engine and key count (the median is reported), at least 3
 * @param seed   input generator seed
 * @param only   engine names to run (all when empty; agreement checks need all three of ours, sliding, SQL)
 */
public record FeatureBenchmarkOptions(Path json, List<Integer> keys, List<Integer> events, int runs, long seed,
                                      List<String> only) {
    public static final List<Integer> DEFAULT_KEYS = List.of(10_000, 1_000_000);
    public static final int DEFAULT_EVENTS = 2_000_000;
    public static final int MIN_RUNS = 3;

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
        keys = List.copyOf(keys);
        events = List.copyOf(events);
        only = List.copyOf(only);
    }

    /** Parses {@code --json FILE [--keys 10000,1000000] [--events N[,N]] [--runs 3] [--seed 42] [--only a,b]}. */
    public static FeatureBenchmarkOptions parse(String[] args) {
        Path json = null;
        List<Integer> keys = DEFAULT_KEYS;
        List<Integer> events = List.of(DEFAULT_EVENTS);
        int runs = MIN_RUNS;
        long seed = 42;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--json" -> json = Path.of(required(args[i], value));
                case "--keys" -> keys = counts(args[i], value);
                case "--events" -> events = counts(args[i], value);
                case "--runs" -> runs = Integer.parseInt(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--only" -> only = List.of(required(args[i], value).split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --json FILE [--keys 10000,1000000] [--events N[,N]] [--runs 3] [--seed 42] [--only ENGINES]");
            }
            i++;
        }
        List<Integer> perKeys = events.size() == 1 ? java.util.Collections.nCopies(keys.size(), events.get(0)) : events;
        return new FeatureBenchmarkOptions(json, keys, perKeys, runs, seed, only);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static List<Integer> counts(String option, String value) {
        List<Integer> counts = new ArrayList<>();
        for (String part : required(option, value).split(",")) {
            int count = Integer.parseInt(part.strip().replace("_", ""));
            if (count < 1) {
                throw new IllegalArgumentException(option + " values must be positive, got " + part);
            }
            counts.add(count);
        }
        return counts;
    }
}

package io.streamscore.bench.features;

import io.streamscore.bench.BenchJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code streamscore bench features}: Streamscore's keyed window-feature operator against Flink's own ways of computing
 * the same features (count, sum, avg, max of the amount over 5 minutes per key) on the same pre-generated input:
 * DataStream {@code SlidingEventTimeWindows.of(5 min, 10 s)} with an incremental aggregate, and SQL
 * {@code OVER (... RANGE INTERVAL '5' MINUTE PRECEDING)}.
 *
 * <p>For each key-space size: generate the input once in memory; {@code warmUpRounds} unmeasured rounds of every
 * engine's replay of a prefix (so the first engine measured does not also pay for warming up the JIT on the
 * MiniCluster code all engines share); per engine one more warm-up replay, then
 * {@code runs} timed replays on a MiniCluster at parallelism 1 (median reported), then one replay kept alive for a
 * canonical savepoint (state size). Then the agreement checks ({@link AgreementCheck}); any mismatch fails the run
 * (exit code 1) after the report is written.
 */
public final class FeatureBenchmark {
    static final int WARMUP_EVENTS = 200_000;
    /** Agreement runs replay at most this prefix of the input (their samples come from it). */
    static final int AGREEMENT_EVENTS = 500_000;

    private final FeatureBenchmarkOptions options;
    private final BenchCluster cluster;
    private final FeatureEngine ours = new StreamscoreEngine("hashmap");
    private final FeatureEngine sliding = new SlidingWindowEngine();
    private final FeatureEngine sql = new SqlOverEngine();
    private final List<FeatureEngine> engines = List.of(ours, new StreamscoreEngine("rocksdb"),
            new StreamscoreEngine("rocksdb", 0), sliding, sql, new PassThroughEngine());

    private FeatureBenchmark(FeatureBenchmarkOptions options, BenchCluster cluster) {
        this.options = options;
        this.cluster = cluster;
    }

    /** Runs the benchmark and returns the process exit code: 0, or 1 if any agreement check failed. */
    public static int run(FeatureBenchmarkOptions options) throws Exception {
        BenchJvm.warning().ifPresent(System.err::println);
        Path scratch = Files.createTempDirectory("feature-bench-");
        BenchmarkReport report;
        try (BenchCluster cluster = new BenchCluster(scratch)) {
            report = new FeatureBenchmark(options, cluster).measure();
        }
        report.writeJson(options.json());
        System.out.println(report.table());
        if (options.only().isEmpty() && !report.allAgree()) {
            System.err.println("AGREEMENT FAILED: the engines disagree; see 'agreement' in " + options.json());
            return 1;
        }
        return 0;
    }

    private BenchmarkReport measure() throws Exception {
        BenchmarkReport report = new BenchmarkReport(options, engines);
        BenchInputGenerator generator = new BenchInputGenerator(options.seed());
        for (int i = 0; i < options.keys().size(); i++) {
            BenchInput input = generator.generate(options.keys().get(i), options.events().get(i));
            report.addInput(input);
            progress("input: " + input.description());
            String name = "input-" + input.keys();
            ReplayInputs.register(name, input.events());
            try {
                warmUp(input, name);
                for (FeatureEngine engine : engines) {
                    if (selected(engine.name())) {
                        report.addResult(measure(engine, input, name));
                    }
                }
            } finally {
                ReplayInputs.remove(name);
            }
            if (selected(CoreReplay.NAME)) {
                report.addResult(measureCore(input));
            }
            if (!options.only().isEmpty()) {
                continue;
            }
            AgreementCheck check = new AgreementCheck(cluster, options.seed());
            BenchInput checked = input.prefix(Math.min(input.size(), AGREEMENT_EVENTS));
            report.addAgreement(input.keys(), check.versusSlidingWindows(checked, ours, sliding));
            report.addAgreement(input.keys(), check.versusSqlOver(checked, ours, sql));
            progress("agreement: " + report.agreementLine(input.keys()));
        }
        return report;
    }

    private boolean selected(String engine) {
        return options.only().isEmpty() || options.only().contains(engine);
    }

    /**
     * Replays a prefix through every selected engine {@code warmUpRounds} times. Without it the first engine measured
     * (ours) got faster over its timed runs (286K, 352K, 394K ev/s at 10K keys) while the later ones were flat.
     */
    private void warmUp(BenchInput input, String name) throws Exception {
        BenchInput prefix = input.prefix(Math.min(input.size(), WARMUP_EVENTS));
        for (int round = 1; round <= options.warmUpRounds(); round++) {
            for (FeatureEngine engine : engines) {
                if (selected(engine.name())) {
                    cluster.timed(engine, name, prefix.size(), input.outOfOrderMillis());
                }
            }
            if (selected(CoreReplay.NAME)) {
                CoreReplay.replay(prefix, StreamscoreEngine.amountFeatures());
            }
            progress(String.format("%,d keys  warm-up round %d/%d done", input.keys(), round, options.warmUpRounds()));
        }
    }

    private EngineResult measure(FeatureEngine engine, BenchInput input, String name) throws Exception {
        long bound = input.outOfOrderMillis();
        cluster.timed(engine, name, Math.min(input.size(), WARMUP_EVENTS), bound);
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        long outputs = 0;
        for (int run = 1; run <= options.runs(); run++) {
            BenchCluster.TimedRun timed = cluster.timed(engine, name, input.size(), bound);
            if (timed.lateEvents() > 0) {
                throw new IllegalStateException(engine.name() + " saw " + timed.lateEvents() + " late events");
            }
            if (engine.answersEveryEvent() && timed.outputs() != input.size()) {
                throw new IllegalStateException(engine.name() + " answered " + timed.outputs() + " of "
                        + input.size() + " events");
            }
            rates.add(timed.eventsPerSecond());
            cpuRates.add(timed.eventsPerTaskCpuSecond());
            outputs = timed.outputs();
            progress(String.format("%,d keys  %-24s run %d/%d: %,10.0f events/s, %,10.0f per task CPU s (%,d outputs)",
                    input.keys(), engine.name(), run, options.runs(), timed.eventsPerSecond(),
                    timed.eventsPerTaskCpuSecond(), timed.outputs()));
        }
        long state = cluster.savepointBytes(engine, name, input.size(), bound);
        progress(String.format("%,d keys  %-24s state: %,d savepoint bytes", input.keys(), engine.name(), state));
        return new EngineResult(engine.name(), input.keys(), input.size(), rates, cpuRates, outputs, state);
    }

    private EngineResult measureCore(BenchInput input) throws Exception {
        CoreReplay.replay(input.prefix(Math.min(input.size(), WARMUP_EVENTS)), StreamscoreEngine.amountFeatures());
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        long state = 0;
        for (int run = 1; run <= options.runs(); run++) {
            CoreReplay.Result result = CoreReplay.replay(input, StreamscoreEngine.amountFeatures());
            rates.add(result.eventsPerSecond());
            cpuRates.add(result.eventsPerCpuSecond());
            state = result.stateBytes();
            progress(String.format("%,d keys  %-24s run %d/%d: %,10.0f events/s, %,10.0f per CPU s", input.keys(),
                    CoreReplay.NAME, run, options.runs(), result.eventsPerSecond(), result.eventsPerCpuSecond()));
        }
        return new EngineResult(CoreReplay.NAME, input.keys(), input.size(), rates, cpuRates, input.size(), state);
    }

    private static void progress(String line) {
        System.err.println(line);
    }
}

package io.streamscore.bench.features;

import io.streamscore.bench.BenchJvm;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The benchmark's results: a table for people and a JSON document for tools. Ratios divide our heap-state median by
 * each baseline's (both on heap state); the first key count's ratios are {@code ratio_vs_datastream_sliding} and
 * {@code ratio_vs_sql_over}, every key count's also appear as {@code ..._keys_N}.
 */
final class BenchmarkReport {
    static final String OURS = "streamscore-heap";
    static final String SLIDING = "datastream-sliding";
    static final String SQL = "sql-over";

    private final FeatureBenchmarkOptions options;
    private final List<FeatureEngine> engines;
    private final List<BenchInput> inputs = new ArrayList<>();
    private final List<EngineResult> results = new ArrayList<>();
    private final Map<Integer, List<Agreement>> agreements = new LinkedHashMap<>();

    BenchmarkReport(FeatureBenchmarkOptions options, List<FeatureEngine> engines) {
        this.options = options;
        this.engines = engines;
    }

    void addInput(BenchInput input) {
        inputs.add(input);
    }

    void addResult(EngineResult result) {
        results.add(result);
    }

    void addAgreement(int keys, Agreement agreement) {
        agreements.computeIfAbsent(keys, k -> new ArrayList<>()).add(agreement);
    }

    boolean allAgree() {
        return !agreements.isEmpty() && agreements.values().stream().flatMap(List::stream).allMatch(Agreement::agrees);
    }

    /** Our heap median over the baseline's: wall-clock events/s, or events per keyed-task CPU second. */
    Optional<Double> ratio(int keys, String baseline, boolean perTaskCpu) {
        Optional<EngineResult> ours = result(keys, OURS);
        Optional<EngineResult> theirs = result(keys, baseline);
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(perTaskCpu ? ours.get().medianPerTaskCpu() / theirs.get().medianPerTaskCpu()
                : ours.get().median() / theirs.get().median());
    }

    String agreementLine(int keys) {
        StringBuilder line = new StringBuilder();
        for (Agreement a : agreements.getOrDefault(keys, List.of())) {
            line.append(String.format("%s vs %s: %s (%,d compared, %,d mismatches)  ", OURS, a.baseline(),
                    a.agrees() ? "OK" : "FAILED", a.compared(), a.mismatches()));
        }
        return line.toString().strip();
    }

    String table() {
        String format = "%-10s %-22s %12s %14s %12s %11s %11s%n";
        StringBuilder out = new StringBuilder(String.format("%n" + format, "keys", "engine", "events/s",
                "per task CPU s", "state B/key", "vs sliding", "vs SQL"));
        for (EngineResult r : results) {
            boolean ours = r.engine().equals(OURS);
            out.append(String.format(format, String.format("%,d", r.keys()), r.engine(),
                    String.format("%,.0f", r.median()), String.format("%,.0f", r.medianPerTaskCpu()),
                    String.format("%,.0f", r.stateBytesPerKey()), ours ? times(r.keys(), SLIDING) : "",
                    ours ? times(r.keys(), SQL) : ""));
        }
        out.append(String.format("(events/s: wall clock at parallelism 1, median of %d; per task CPU s: events per CPU"
                + " second of the keyed task's thread; ratios: wall / per task CPU)%n", options.runs()));
        agreements.keySet().forEach(keys -> out.append(String.format("agreement, %,d keys: %s%n", keys,
                agreementLine(keys))));
        return out.toString();
    }

    void writeJson(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("benchmark", "features");
        root.put("features", "count, sum, avg, max of amount over 5 minutes per key");
        root.set("machine", machine(mapper));
        root.set("input", input(mapper));
        root.put("warmup_rounds", options.warmUpRounds());
        root.set("engines", engineDescriptions(mapper));
        ArrayNode rows = root.putArray("results");
        for (EngineResult r : results) {
            ObjectNode row = rows.addObject();
            row.put("engine", r.engine()).put("keys", r.keys()).put("events", r.events());
            row.put("events_per_second", Math.round(r.median()));
            row.put("events_per_task_cpu_second", Math.round(r.medianPerTaskCpu()));
            row.put("state_bytes_per_key", Math.round(r.stateBytesPerKey() * 10) / 10.0);
            row.put("state_bytes_total", r.savepointBytes()).put("outputs", r.outputs());
            ArrayNode runs = row.putArray("runs");
            r.eventsPerSecond().forEach(v -> runs.add(Math.round(v)));
            ArrayNode cpuRuns = row.putArray("runs_per_task_cpu_second");
            r.eventsPerTaskCpuSecond().forEach(v -> cpuRuns.add(Math.round(v)));
        }
        putRatios(root);
        root.set("agreement", agreement(mapper));
        root.put("agreement_ok", allAgree());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), root);
    }

    private void putRatios(ObjectNode root) {
        for (int i = 0; i < options.keys().size(); i++) {
            int keys = options.keys().get(i);
            String suffix = i == 0 ? "" : "_keys_" + keys;
            ratio(keys, SLIDING, false).ifPresent(r -> root.put("ratio_vs_datastream_sliding" + suffix, round2(r)));
            ratio(keys, SQL, false).ifPresent(r -> root.put("ratio_vs_sql_over" + suffix, round2(r)));
            ratio(keys, SLIDING, true).ifPresent(r -> root.put("ratio_vs_datastream_sliding_task_cpu" + suffix,
                    round2(r)));
            ratio(keys, SQL, true).ifPresent(r -> root.put("ratio_vs_sql_over_task_cpu" + suffix, round2(r)));
        }
        root.put("ratio_keys", options.keys().get(0));
        root.put("ratio_definition", "median wall-clock events/s of streamscore-heap / the baseline's (heap state), "
                + "same input, parallelism 1; the _task_cpu ratios divide events per CPU second of the keyed task's "
                + "thread instead (excludes the shared source thread, GC and background threads)");
    }

    private ObjectNode machine(ObjectMapper mapper) {
        ObjectNode machine = mapper.createObjectNode();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        machine.set("heap", BenchJvm.describe());
        machine.put("flink", org.apache.flink.runtime.util.EnvironmentInformation.getVersion());
        machine.put("note", "shared machine: other builds may run at the same time; medians of " + options.runs()
                + " runs");
        return machine;
    }

    private ObjectNode input(ObjectMapper mapper) {
        ObjectNode input = mapper.createObjectNode();
        input.put("key_distribution", "uniform");
        input.put("seed", options.seed());
        input.put("out_of_order_share", BenchInputGenerator.OUT_OF_ORDER_SHARE);
        input.put("out_of_order_bound_ms", BenchInputGenerator.OUT_OF_ORDER_BOUND_MILLIS);
        input.put("watermark", "bounded out-of-orderness 5 s, emitted per 200 ms of event time");
        input.put("timing", "from the first event leaving the source to the last output reaching the sink; input "
                + "generated in memory beforehand; per key count, " + options.warmUpRounds()
                + " unmeasured rounds of every "
                + "engine's replay of the first " + FeatureBenchmark.WARMUP_EVENTS + " events, then one more such "
                + "replay per engine right before its runs");
        input.put("state_size", "canonical savepoint bytes taken right after the last event, divided by the key-space"
                + " size; includes timers; keys whose state expired hold nothing. For " + CoreReplay.NAME
                + ": KeyedWindowStateSerializer bytes of every key's state at the end (nothing expires there)");
        ArrayNode list = input.putArray("inputs");
        inputs.forEach(i -> list.addObject().put("keys", i.keys()).put("events", i.size())
                .put("description", i.description()));
        return input;
    }

    private ObjectNode engineDescriptions(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        engines.forEach(e -> node.put(e.name(), e.description()));
        return node;
    }

    private ObjectNode agreement(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        agreements.forEach((keys, list) -> {
            ObjectNode perKeys = node.putObject("keys_" + keys);
            for (Agreement a : list) {
                ObjectNode entry = perKeys.putObject(a.baseline());
                entry.put("ok", a.agrees()).put("compared", a.compared()).put("mismatches", a.mismatches());
                entry.put("method", a.method());
                entry.put("tolerance", "count and max exact; sum and avg relative " + FeatureSample.RELATIVE_TOLERANCE);
                a.examples().forEach(entry.putArray("examples")::add);
            }
        });
        return node;
    }

    private Optional<EngineResult> result(int keys, String engine) {
        return results.stream().filter(r -> r.keys() == keys && r.engine().equals(engine)).findFirst();
    }

    private String times(int keys, String baseline) {
        Optional<Double> wall = ratio(keys, baseline, false);
        Optional<Double> cpu = ratio(keys, baseline, true);
        return wall.isPresent() && cpu.isPresent() ? String.format("%.1f/%.1fx", wall.get(), cpu.get()) : "";
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}

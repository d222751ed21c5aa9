package io.streamscore.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each run's value of a measure of a variant ("raw", "alo", "eo", "eo_no_model"), and each run's checkpoint phases
 * per task; {@link #toJson} turns one key count's samples into its entry of the report's {@code results}.
 */
final class PipelineSamples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<Double>> values = new HashMap<>();
    private final Map<String, List<Map<String, CheckpointPhases.Phases>>> phases = new HashMap<>();

    void addPhases(String variant, Map<String, CheckpointPhases.Phases> byVertex) {
        phases.computeIfAbsent(variant, k -> new ArrayList<>()).add(byVertex);
    }

    List<Map<String, CheckpointPhases.Phases>> phases(String variant) {
        return phases.getOrDefault(variant, List.of());
    }

    void add(String variant, String measure, double value) {
        values.computeIfAbsent(variant + "/" + measure, k -> new ArrayList<>()).add(value);
    }

    List<Double> runs(String variant, String measure) {
        return values.getOrDefault(variant + "/" + measure, List.of());
    }

    /** The median of the runs' values, NaN when none was taken. */
    double median(String variant, String measure) {
        double[] sorted = runs(variant, measure).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    /** The medians (and every run's throughput) of {@code keys}' {@code runs} runs, under the report's keys. */
    ObjectNode toJson(int keys, int runs) {
        ObjectNode result = JSON.createObjectNode();
        result.put("keys", keys);
        result.put("raw_kafka_events_per_s", median("raw", "events_per_s"));
        result.put("alo_events_per_s", median("alo", "events_per_s"));
        result.put("eo_events_per_s", median("eo", "events_per_s"));
        result.put("ratio_vs_raw_kafka", median("eo", "events_per_s") / median("raw", "events_per_s"));
        result.put("alo_vs_raw_kafka", median("alo", "events_per_s") / median("raw", "events_per_s"));
        result.put("eo_vs_alo", median("eo", "events_per_s") / median("alo", "events_per_s"));
        result.put("eo_no_model_events_per_s", median("eo_no_model", "events_per_s"));
        result.put("ratio_with_model_vs_without",
                median("eo", "events_per_s") / median("eo_no_model", "events_per_s"));
        // CPU per event moves far less with the machine's other load than events per second do
        for (String variant : List.of("raw", "alo", "eo", "eo_no_model")) {
            result.put((variant.equals("raw") ? "raw_kafka" : variant) + "_cpu_us_per_event",
                    median(variant, "cpu_us_per_event"));
        }
        result.put("cpu_ratio_vs_raw_kafka",
                median("raw", "cpu_us_per_event") / median("eo", "cpu_us_per_event"));
        result.put("cpu_eo_vs_alo", median("alo", "cpu_us_per_event") / median("eo", "cpu_us_per_event"));
        for (String guarantee : List.of("alo", "eo")) {
            result.put("p50_ms_" + guarantee, median(guarantee, "p50_ms"));
            result.put("p99_ms_" + guarantee, median(guarantee, "p99_ms"));
        }
        // the limits: the raw loop fed the same payments at the same rate, plain (at-least-once's) and committing
        // a transaction every checkpoint interval (exactly-once's)
        for (String guarantee : List.of("alo", "eo")) {
            String limit = guarantee.equals("alo") ? "raw_kafka" : "raw_kafka_txn";
            result.put("p50_ms_" + limit, median(guarantee, "raw_p50_ms"));
            result.put("p99_ms_" + limit, median(guarantee, "raw_p99_ms"));
            result.put("p99_" + guarantee + "_vs_" + limit,
                    median(guarantee, "p99_ms") / median(guarantee, "raw_p99_ms"));
        }
        for (String guarantee : List.of("alo", "eo")) {
            result.put("p99_ms_" + guarantee + "_from_ingest", median(guarantee, "p99_ms_from_ingest"));
        }
        // until the bench's reader returned the score (the report's latencies end when it was readable)
        for (String guarantee : List.of("alo", "eo")) {
            result.put("p50_ms_" + guarantee + "_read", median(guarantee, "p50_ms_read"));
            result.put("p99_ms_" + guarantee + "_read", median(guarantee, "p99_ms_read"));
        }
        for (String guarantee : List.of("alo", "eo")) {
            result.put(guarantee + "_visible_events_per_s", median(guarantee, "visible_events_per_s"));
        }
        // fed live: whether the pipeline kept up with the feed, and the collections every thread waited out
        for (String guarantee : List.of("alo", "eo")) {
            for (String measure : List.of("live_read_vs_send", "gc_pauses", "gc_pause_ms_max", "gc_pause_ms_total")) {
                result.put(measure + "_" + guarantee, median(guarantee, measure));
            }
        }
        // checkpoints while fed live at half peak: what exactly-once latency adds to the checkpoint interval
        for (String measure : List.of("checkpoint_ms_p50", "checkpoint_ms_max", "checkpoint_bytes_p50")) {
            result.put(measure + "_eo", median("eo", measure));
        }
        // where those checkpoints' time went, per task (Flink's REST API)
        result.set("checkpoint_phases_eo", CheckpointPhases.toJson(CheckpointPhases.medians(phases("eo"))));
        result.put("runs", runs);
        for (String variant : List.of("raw", "alo", "eo", "eo_no_model")) {
            result.set(variant + "_runs", JSON.valueToTree(runs(variant, "events_per_s")));
            result.set(variant + "_cpu_us_per_event_runs", JSON.valueToTree(runs(variant, "cpu_us_per_event")));
        }
        return result;
    }
}

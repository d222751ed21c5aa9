package io.streamscore.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The figures of a demo run, as printed live and written by {@code --summary FILE}. The JSON keys are a contract:
 * {@code events_in}, {@code scored}, {@code alerts}, {@code dead_letter}, {@code late}, {@code latency_ms.p50},
 * {@code latency_ms.p99}, plus context ({@code unaccounted} = events_in - scored - dead_letter - late, which is 0
 * after a complete drain). Only when a model decided: {@code model_version}, and {@code precision} and {@code recall}
 * of its decisions on this run's scored payments against the generator's ground truth, from {@code true_positives},
 * {@code false_positives} and {@code false_negatives} (precision and recall null where there is nothing to divide
 * by). Demos with a feature store add {@code entities_in_store}, and with a profile join {@code profile_versions}
 * and {@code enriched} ({@link FeatureSyncFigures}).
 */
public record DemoSummary(String scenario, double elapsedSeconds, long eventsIn, OutputMonitor.Snapshot outputs,
                          long outOfOrderSent, long tooLateSent, long malformedSent, long labelsSent,
                          long kafkaStartMillis, long jobStartMillis, long startupMillis,
                          FeatureSyncFigures featureSync) {

    /** The summary with the feature-store figures of a demo that has a store (null for the others). */
    public DemoSummary withFeatureSync(FeatureSyncFigures figures) {
        return new DemoSummary(scenario, elapsedSeconds, eventsIn, outputs, outOfOrderSent, tooLateSent, malformedSent,
                labelsSent, kafkaStartMillis, jobStartMillis, startupMillis, figures);
    }

    public long unaccounted() {
        return eventsIn - outputs.total();
    }

    public double eventsPerSecond() {
        return elapsedSeconds <= 0 ? 0 : eventsIn / elapsedSeconds;
    }

    public String statusLine() {
        return String.format("[%5.0fs] in %,d (%,.0f/s) | scored %,d | alerts %,d | dead letters %,d | late %,d | "
                        + "latency p50 %s p99 %s", elapsedSeconds, eventsIn, eventsPerSecond(), outputs.scored(),
                outputs.alerts(), outputs.deadLetters(), outputs.late(), millis(outputs.latencyP50()),
                millis(outputs.latencyP99()));
    }

    /** The model's line of the final summary; null when nothing was decided by a model. */
    public String qualityLine() {
        ModelQuality q = outputs.quality();
        if (q.modelVersion() == null) {
            return null;
        }
        return String.format("Model version %s vs the generator's ground truth: precision %s, recall %s "
                        + "(%,d true positives, %,d false positives, %,d false negatives)", q.modelVersion(),
                ratio(q.precision()), ratio(q.recall()), q.truePositives(), q.falsePositives(), q.falseNegatives());
    }

    private static String ratio(Double value) {
        return value == null ? "-" : String.format("%.3f", value);
    }

    /** The status line's tail: latency of the scores read since the previous line ({@code [p50, p99]}). */
    public static String recentLatency(long[] percentiles) {
        return String.format(" (since the last line: p50 %s p99 %s)", millis(percentiles[0]), millis(percentiles[1]));
    }

    private static String millis(long value) {
        return value < 0 ? "-" : String.format("%,d ms", value);
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("scenario", scenario);
        root.put("duration_s", Math.round(elapsedSeconds * 10) / 10.0);
        root.put("events_in", eventsIn);
        root.put("scored", outputs.scored());
        root.put("alerts", outputs.alerts());
        root.put("dead_letter", outputs.deadLetters());
        root.put("late", outputs.late());
        root.put("unaccounted", unaccounted());
        ObjectNode latency = root.putObject("latency_ms");
        latency.put("p50", outputs.latencyP50());
        latency.put("p99", outputs.latencyP99());
        root.put("events_per_second", Math.round(eventsPerSecond()));
        addQuality(root, outputs.quality());
        ObjectNode sent = root.putObject("generated");
        sent.put("out_of_order", outOfOrderSent);
        sent.put("too_late", tooLateSent);
        sent.put("malformed", malformedSent);
        sent.put("labels", labelsSent);
        ObjectNode startup = root.putObject("startup_ms");
        startup.put("kafka", kafkaStartMillis);
        startup.put("flink_job", jobStartMillis);
        startup.put("total_since_jvm_start", startupMillis);
        if (featureSync != null) {
            featureSync.addTo(root);
        }
        return root;
    }

    /** Only when a model decided: zero counts beside a null precision would read as a model that caught nothing. */
    private static void addQuality(ObjectNode root, ModelQuality quality) {
        if (quality.modelVersion() == null) {
            return;
        }
        root.put("model_version", quality.modelVersion());
        root.put("precision", quality.precision());
        root.put("recall", quality.recall());
        root.put("true_positives", quality.truePositives());
        root.put("false_positives", quality.falsePositives());
        root.put("false_negatives", quality.falseNegatives());
    }

    public void write(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), toJson(mapper));
    }
}

package io.streamscore.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Where a checkpoint's time goes, per task (job vertex), from Flink's REST API: {@code GET /jobs/:jobid} names the
 * vertices, {@code GET /jobs/:jobid/checkpoints} lists the completed checkpoints, and
 * {@code GET /jobs/:jobid/checkpoints/details/:checkpointid/subtasks/:vertexid} gives each subtask's phases. A
 * checkpoint waits for its slowest subtask, so a vertex's phase in one checkpoint is the maximum over its subtasks;
 * over checkpoints (and over runs) the median of those. Vertices are named by the first operator of their chain
 * ({@code kafka: exactly_once: Writer}, {@code features: user_id (4 features)}; a source without its run's topic),
 * the whole chain's name when two vertices would share it.
 */
final class CheckpointPhases {
    /** The JSON keys of {@link Phases}, in order. */
    static final List<String> KEYS = List.of("sync_ms", "async_ms", "alignment_ms", "start_delay_ms", "end_to_end_ms");

    /**
     * One vertex's phases, in ms: the synchronous part of its snapshot (on the task thread; for the Kafka sink the
     * transaction's flush), the asynchronous part, the barrier alignment, the start delay (from the checkpoint's
     * trigger to the barrier's arrival) and end to end (trigger to acknowledgement).
     */
    record Phases(double syncMs, double asyncMs, double alignmentMs, double startDelayMs, double endToEndMs) {
        private static final List<ToDoubleFunction<Phases>> FIELDS = List.of(Phases::syncMs, Phases::asyncMs,
                Phases::alignmentMs, Phases::startDelayMs, Phases::endToEndMs);

        ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < KEYS.size(); i++) {
                json.put(KEYS.get(i), FIELDS.get(i).applyAsDouble(this));
            }
            return json;
        }

        @Override
        public String toString() {
            return String.format("sync %.0f async %.0f align %.0f start %.0f e2e %.0f", syncMs, asyncMs, alignmentMs,
                    startDelayMs, endToEndMs);
        }
    }

    private CheckpointPhases() {}

    /** Vertex id to its name (the chain's first operator) from {@code GET /jobs/:jobid}. */
    static Map<String, String> vertexNames(JsonNode job) {
        Map<String, String> heads = new LinkedHashMap<>();
        Map<String, Integer> uses = new TreeMap<>();
        for (JsonNode vertex : job.path("vertices")) {
            String head = withoutTopic(vertex.path("name").asText().split(" -> ", 2)[0]);
            heads.put(vertex.path("id").asText(), head);
            uses.merge(head, 1, Integer::sum);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode vertex : job.path("vertices")) {
            String id = vertex.path("id").asText();
            names.put(id, uses.get(heads.get(id)) == 1 ? heads.get(id) : vertex.path("name").asText());
        }
        return names;
    }

    /**
     * A source's name without the topic it reads ({@code source: transactions <- bench-live-eo-10000-1}): every run
     * of the bench has its own topics, and the medians over runs are taken per vertex name.
     */
    private static String withoutTopic(String head) {
        return head.split(" <- ", 2)[0];
    }

    /** Ids of the completed checkpoints still in {@code GET /jobs/:jobid/checkpoints}'s history. */
    static List<Long> completed(JsonNode checkpoints) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode checkpoint : checkpoints.path("history")) {
            if ("COMPLETED".equals(checkpoint.path("status").asText())) {
                ids.add(checkpoint.path("id").asLong());
            }
        }
        return ids;
    }

    /**
     * The maximum over the acknowledged subtasks of {@code GET .../checkpoints/details/:id/subtasks/:vertexid}, each
     * phase on its own; null when no subtask acknowledged.
     */
    static Phases maxOverSubtasks(JsonNode details) {
        double[] max = null;
        for (JsonNode subtask : details.path("subtasks")) {
            if (!"completed".equals(subtask.path("status").asText())) {
                continue;
            }
            double[] phases = {subtask.path("checkpoint").path("sync").asDouble(),
                    subtask.path("checkpoint").path("async").asDouble(),
                    subtask.path("alignment").path("duration").asDouble(), subtask.path("start_delay").asDouble(),
                    subtask.path("end_to_end_duration").asDouble()};
            if (max == null) {
                max = phases;
            }
            for (int i = 0; i < phases.length; i++) {
                max[i] = Math.max(max[i], phases[i]);
            }
        }
        return max == null ? null : new Phases(max[0], max[1], max[2], max[3], max[4]);
    }

    /**
     * Per vertex, the median of each phase over the samples that have that vertex (checkpoints of a run, or the
     * runs' medians), each phase on its own; ordered by name.
     */
    static Map<String, Phases> medians(Collection<Map<String, Phases>> samples) {
        Map<String, List<Phases>> byVertex = new TreeMap<>();
        for (Map<String, Phases> sample : samples) {
            sample.forEach((vertex, phases) -> byVertex.computeIfAbsent(vertex, v -> new ArrayList<>()).add(phases));
        }
        Map<String, Phases> medians = new LinkedHashMap<>();
        byVertex.forEach((vertex, all) -> {
            double[] median = Phases.FIELDS.stream()
                    .mapToDouble(field -> median(all.stream().mapToDouble(field).sorted().toArray())).toArray();
            medians.put(vertex, new Phases(median[0], median[1], median[2], median[3], median[4]));
        });
        return medians;
    }

    /** The upper median, as the bench's other medians. */
    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    /** {@code {"<vertex>": {"sync_ms": .., ...}}} */
    static ObjectNode toJson(Map<String, Phases> byVertex) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        byVertex.forEach((vertex, phases) -> json.set(vertex, phases.toJson()));
        return json;
    }
}

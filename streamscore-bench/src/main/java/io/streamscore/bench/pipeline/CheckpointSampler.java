package io.streamscore.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the pipeline's own metrics endpoint every 250 ms during a run and keeps, per completed checkpoint, its
 * duration and size ({@code streamscore_checkpoint_duration_ms}, {@code streamscore_checkpoint_size_bytes}): with
 * exactly-once a score becomes readable when the checkpoint after it completes, so its duration is what exactly-once
 * latency adds to the checkpoint interval. Every second it also reads, from Flink's REST API, where each new
 * completed checkpoint's time went per task ({@link CheckpointPhases}), while the checkpoint is still in Flink's
 * history (its last 10).
 */
final class CheckpointSampler implements AutoCloseable {
    /**
     * Medians and maximum over the run's completed checkpoints; NaN when none completed. {@code phases}: per vertex,
     * the median over the checkpoints read from the REST API (empty when none was).
     */
    record Summary(int checkpoints, double durationMsP50, double durationMsMax, double sizeBytesP50,
                   Map<String, CheckpointPhases.Phases> phases) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(String.format("%d, p50 %.0f ms, max %.0f ms, p50 %.1f MB",
                    checkpoints, durationMsP50, durationMsMax, sizeBytesP50 / 1e6));
            text.append("; per task, ms (max over subtasks, median over checkpoints):");
            phases.forEach((vertex, phase) -> text.append(" [").append(vertex).append(": ").append(phase).append(']'));
            return text.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PHASES_EVERY = 4; // samples: once a second

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI endpoint;
    private final String jobUrl;
    private final Map<Long, double[]> byCheckpoint = new TreeMap<>();
    /** Checkpoint id to its phases per vertex name. */
    private final Map<Long, Map<String, CheckpointPhases.Phases>> phasesByCheckpoint = new TreeMap<>();
    private Map<String, String> vertexNames;
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code flinkRestUrl} ({@code http://127.0.0.1:PORT}) and {@code jobId}: the running job's. */
    CheckpointSampler(String metricsUrl, String flinkRestUrl, String jobId) {
        this.endpoint = URI.create(metricsUrl);
        this.jobUrl = flinkRestUrl + "/jobs/" + jobId;
        this.thread = new Thread(this::sampleUntilClosed, "bench-checkpoint-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sampleUntilClosed() {
        for (long round = 0; running; round++) {
            try {
                sample(http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                if (round % PHASES_EVERY == 0) {
                    samplePhases();
                }
                Thread.sleep(250);
            } catch (IOException e) {
                // the endpoint is not up yet (job starting) or already down: try again
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample(String metrics) {
        double completed = value(metrics, "streamscore_checkpoints_completed");
        double duration = value(metrics, "streamscore_checkpoint_duration_ms");
        double size = value(metrics, "streamscore_checkpoint_size_bytes");
        if (completed > 0 && !Double.isNaN(duration)) {
            synchronized (byCheckpoint) {
                byCheckpoint.putIfAbsent((long) completed, new double[] {duration, size});
            }
        }
    }

    /** Reads the phases of each completed checkpoint not read yet. */
    private void samplePhases() throws IOException, InterruptedException {
        if (vertexNames == null) {
            JsonNode job = get(jobUrl);
            if (job == null) {
                return;
            }
            vertexNames = CheckpointPhases.vertexNames(job);
        }
        JsonNode checkpoints = get(jobUrl + "/checkpoints");
        if (checkpoints == null) {
            return;
        }
        for (long id : CheckpointPhases.completed(checkpoints)) {
            if (!phasesByCheckpoint.containsKey(id)) {
                Map<String, CheckpointPhases.Phases> byVertex = new LinkedHashMap<>();
                for (Map.Entry<String, String> vertex : vertexNames.entrySet()) {
                    JsonNode details = get(jobUrl + "/checkpoints/details/" + id + "/subtasks/" + vertex.getKey());
                    CheckpointPhases.Phases phases = details == null ? null : CheckpointPhases.maxOverSubtasks(details);
                    if (phases != null) {
                        byVertex.put(vertex.getValue(), phases);
                    }
                }
                synchronized (phasesByCheckpoint) {
                    phasesByCheckpoint.put(id, byVertex);
                }
            }
        }
    }

    /** The JSON at {@code url}, null unless it answered 200 (not up yet, or the checkpoint left the history). */
    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    /** The value of the first sample of {@code name} (any labels), NaN when absent. */
    static double value(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    Summary summary() {
        List<double[]> all;
        synchronized (byCheckpoint) {
            all = new ArrayList<>(byCheckpoint.values());
        }
        List<Map<String, CheckpointPhases.Phases>> phases;
        synchronized (phasesByCheckpoint) {
            phases = new ArrayList<>(phasesByCheckpoint.values());
        }
        double[] durations = all.stream().mapToDouble(c -> c[0]).sorted().toArray();
        double[] sizes = all.stream().mapToDouble(c -> c[1]).sorted().toArray();
        return new Summary(all.size(), median(durations), durations.length == 0 ? Double.NaN
                : durations[durations.length - 1], median(sizes), CheckpointPhases.medians(phases));
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    /** Stops sampling; {@link #summary()} after this. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2_000);
    }
}

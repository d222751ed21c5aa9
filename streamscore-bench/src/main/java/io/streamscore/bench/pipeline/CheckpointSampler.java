package io.streamscore.bench.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the pipeline's own metrics endpoint every 250 ms during a run and keeps, per completed checkpoint, its
 * duration and size ({@code streamscore_checkpoint_duration_ms}, {@code streamscore_checkpoint_size_bytes}): with
 * exactly-once a score becomes readable when the checkpoint after it completes, so its duration is what exactly-once
 * latency adds to the checkpoint interval.
 */
final class CheckpointSampler implements AutoCloseable {
    /** Medians and maximum over the run's completed checkpoints; NaN when none completed. */
    record Summary(int checkpoints, double durationMsP50, double durationMsMax, double sizeBytesP50) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI endpoint;
    private final Map<Long, double[]> byCheckpoint = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    CheckpointSampler(String metricsUrl) {
        this.endpoint = URI.create(metricsUrl);
        this.thread = new Thread(this::sampleUntilClosed, "bench-checkpoint-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sampleUntilClosed() {
        while (running) {
            try {
                sample(http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
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
        double[] durations = all.stream().mapToDouble(c -> c[0]).sorted().toArray();
        double[] sizes = all.stream().mapToDouble(c -> c[1]).sorted().toArray();
        return new Summary(all.size(), median(durations), durations.length == 0 ? Double.NaN
                : durations[durations.length - 1], median(sizes));
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2_000);
    }
}

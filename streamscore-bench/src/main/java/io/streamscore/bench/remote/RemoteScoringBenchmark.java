package io.streamscore.bench.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscore.registry.Baselines;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelFormat;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import io.streamscore.registry.TrainingTimeRange;
import io.streamscore.scoring.XGBoostJsonModel;
import io.streamscore.serving.InferenceServer;
import io.streamscore.serving.ServerConfig;
import io.streamscore.serving.client.FallbackScorer;
import io.streamscore.serving.client.RemoteBatchScorer;
import io.streamscore.serving.client.RemoteScoringConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code streamscore bench remote --json FILE [--events N] [--runs R]}: the same {@code streamscore serve}, the same
 * input rows, scored through the remote scorer micro-batched ({@code max_batch 64}) and with one request per event
 * ({@code max_batch 1}); both keep at most {@value #WINDOW} events outstanding, as the async operator's capacity
 * would, and at most 64 requests in flight for single requests (8 batches for micro-batching). Throughput and
 * p50/p99 latency per event (submit to score), medians over the runs.
 */
public final class RemoteScoringBenchmark {
    static final int WINDOW = 512;

    private RemoteScoringBenchmark() {}

    /** Runs the benchmark, prints the report and writes it to {@code json}. */
    public static int run(Path json, int events, int runs) throws Exception {
        Path dir = Files.createTempDirectory("streamscore-remote-bench");
        ModelRegistry registry = registry(dir);
        double[][] rows = rows(events);
        try (InferenceServer server = InferenceServer.start(ServerConfig.local(0), registry, List.of())) {
            RemoteScoringConfig base = RemoteScoringConfig.defaults(server.url(), "bench")
                    .withFaultHandling(Duration.ofSeconds(10), 0, Duration.ZERO, 1000, Duration.ofSeconds(1));
            RemoteScoringConfig batched = base.withBatching(64, Duration.ofMillis(2), 8);
            RemoteScoringConfig single = base.withBatching(1, Duration.ZERO, 64);
            measure(single, rows, Math.min(events, 5_000)); // warm-up of server and client
            measure(batched, rows, Math.min(events, 5_000));
            List<double[]> batchedRuns = new ArrayList<>();
            List<double[]> singleRuns = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                batchedRuns.add(measure(batched, rows, events));
                singleRuns.add(measure(single, rows, events));
                System.out.printf("run %d: batched %.0f ev/s p99 %.1f ms | single %.0f ev/s p99 %.1f ms%n", run + 1,
                        batchedRuns.get(run)[0], batchedRuns.get(run)[2], singleRuns.get(run)[0],
                        singleRuns.get(run)[2]);
            }
            double[] b = medians(batchedRuns);
            double[] s = medians(singleRuns);
            ObjectNode report = new ObjectMapper().createObjectNode();
            report.put("events", events).put("runs", runs).put("window", WINDOW)
                    .put("events_per_second_batched", b[0]).put("events_per_second_single", s[0])
                    .put("ratio_batched_vs_single", b[0] / s[0])
                    .put("p50_ms_batched", b[1]).put("p99_ms_batched", b[2])
                    .put("p50_ms_single", s[1]).put("p99_ms_single", s[2])
                    .put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                    .put("cores", Runtime.getRuntime().availableProcessors());
            String text = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
            System.out.println(text);
            Files.writeString(json, text);
        }
        return 0;
    }

    /** Events per second, p50 and p99 latency in ms. */
    private static double[] measure(RemoteScoringConfig config, double[][] rows, int events) throws Exception {
        long[] latencies = new long[events];
        Semaphore window = new Semaphore(WINDOW);
        AtomicLong fallbacks = new AtomicLong();
        long start = System.nanoTime();
        try (RemoteBatchScorer scorer = new RemoteBatchScorer(config, 2, FallbackScorer.constant(-1))) {
            for (int i = 0; i < events; i++) {
                window.acquire();
                int index = i;
                long submitted = System.nanoTime();
                scorer.score(rows[i % rows.length]).whenComplete((score, error) -> {
                    latencies[index] = System.nanoTime() - submitted;
                    if (error != null || score.fallback()) {
                        fallbacks.incrementAndGet();
                    }
                    window.release();
                });
            }
            window.acquire(WINDOW);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (fallbacks.get() > 0) {
            throw new IllegalStateException(fallbacks.get() + " events fell back: the measurement is not valid");
        }
        Arrays.sort(latencies);
        return new double[] {events / seconds, latencies[events / 2] / 1e6, latencies[(int) (events * 0.99)] / 1e6};
    }

    private static double[] medians(List<double[]> runs) {
        double[] result = new double[3];
        for (int k = 0; k < 3; k++) {
            int column = k;
            double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
            result[k] = values[values.length / 2];
        }
        return result;
    }

    private static double[][] rows(int events) {
        Random random = new Random(42);
        double[][] rows = new double[Math.min(events, 10_000)][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {random.nextDouble() * 500, random.nextInt(24)};
        }
        return rows;
    }

    private static ModelRegistry registry(Path dir) throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        StringBuilder trees = new StringBuilder();
        int count = 100;
        for (int t = 0; t < count; t++) {
            trees.append(t == 0 ? "" : ", ").append(stump(t, t % 2, t % 2 == 0 ? 5 + t * 4 : t % 24,
                    0.01 * (t % 7), -0.01 * (t % 5)));
        }
        String model = """
                {"learner": {"attributes": {}, "feature_names": ["amount", "hour"], "feature_types": [],
                  "gradient_booster": {"name": "gbtree", "model": {"gbtree_model_param": {"num_parallel_tree": "1",
                    "num_trees": "%d"}, "iteration_indptr": %s, "tree_info": %s, "trees": [%s]}},
                  "learner_model_param": {"base_score": "[5E-1]", "boost_from_average": "1", "num_class": "0",
                    "num_feature": "2", "num_target": "1"}, "objective": {"name": "binary:logistic"}},
                 "version": [3, 0, 4]}""".formatted(count,
                Arrays.toString(java.util.stream.IntStream.rangeClosed(0, count).toArray()),
                Arrays.toString(new int[count]), trees);
        Path file = Files.writeString(dir.resolve("bench-model.json"), model);
        double[] row = {120, 3};
        Histogram bins = new Histogram(new double[] {100}, new long[] {1, 1}, 0);
        registry.register("bench", file, new ManifestDraft(ModelFormat.XGBOOST_JSON, List.of("amount", "hour"),
                "binary:logistic", new TrainingTimeRange(0, 1), Map.of(),
                new Baselines(Map.of("amount", bins, "hour", bins), bins),
                new SelfCheck(List.of(new SelfCheckRow(row, XGBoostJsonModel.load(file).scorer().score(row))), 1e-9)));
        registry.promote("bench", 1, "benchmark");
        return registry;
    }

    private static String stump(int id, int feature, double threshold, double below, double above) {
        return ("{\"base_weights\": [0, %s, %s], \"categories\": [], \"categories_nodes\": [],"
                + " \"categories_segments\": [], \"categories_sizes\": [], \"default_left\": [0, 0, 0], \"id\": %d,"
                + " \"left_children\": [1, -1, -1], \"loss_changes\": [1, 0, 0], \"parents\": [2147483647, 0, 0],"
                + " \"right_children\": [2, -1, -1], \"split_conditions\": [%s, %s, %s],"
                + " \"split_indices\": [%d, 0, 0], \"split_type\": [0, 0, 0], \"sum_hessian\": [10, 5, 5],"
                + " \"tree_param\": {\"num_deleted\": \"0\", \"num_feature\": \"2\", \"num_nodes\": \"3\","
                + " \"size_leaf_vector\": \"1\"}}").formatted(below, above, id, threshold, below, above, feature);
    }
}

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
 * {@code streamscore bench remote --json FILE [--events N] [--runs R] [--features F]}: the same
 * {@code streamscore serve}, the same input rows of {@code F} features, scored through the remote scorer
 * micro-batched ({@code max_batch 64}) with JSON tensors, micro-batched with binary tensor data
 * ({@code binary_data}), micro-batched over the protocol's gRPC form ({@code serve}'s gRPC port, raw tensor bytes),
 * and with one request per event ({@code max_batch 1}, JSON); all keep at most
 * {@value #WINDOW} events outstanding, as the async operator's capacity would, and at most 64 requests in flight for
 * single requests (8 batches for micro-batching). Throughput and p50/p99 latency per event (submit to score), medians
 * over the runs.
 */
public final class RemoteScoringBenchmark {
    static final int WINDOW = 512;

    private RemoteScoringBenchmark() {}

    /** Runs the benchmark, prints the report and writes it to {@code json}. */
    public static int run(Path json, int events, int runs, int features, int warmUpRounds) throws Exception {
        Path dir = Files.createTempDirectory("streamscore-remote-bench");
        ModelRegistry registry = registry(dir, features);
        double[][] rows = rows(events, features);
        try (InferenceServer server = InferenceServer.start(ServerConfig.local(0).withGrpcPort(0), registry,
                List.of())) {
            RemoteScoringConfig base = RemoteScoringConfig.defaults(server.url(), "bench")
                    .withFaultHandling(Duration.ofSeconds(10), 0, Duration.ZERO, 1000, Duration.ofSeconds(1));
            RemoteScoringConfig batched = base.withBatching(64, Duration.ofMillis(2), 8);
            RemoteScoringConfig binary = batched.withBinaryData(true);
            RemoteScoringConfig grpc = batched.withUrl(server.grpcTarget());
            RemoteScoringConfig single = base.withBatching(1, Duration.ZERO, 64);
            // Warm-up of server and client: with 5,000 events of each mode, throughput still rose over the three
            // measured runs (47K -> 138K events/s), so the absolute numbers were the JIT's, though the ratios, measured
            // alternately within each run, were fair.
            for (int round = 0; round < warmUpRounds; round++) {
                measure(single, rows, events);
                measure(batched, rows, events);
                measure(binary, rows, events);
                measure(grpc, rows, events);
            }
            List<double[]> batchedRuns = new ArrayList<>();
            List<double[]> binaryRuns = new ArrayList<>();
            List<double[]> grpcRuns = new ArrayList<>();
            List<double[]> singleRuns = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                batchedRuns.add(measure(batched, rows, events));
                binaryRuns.add(measure(binary, rows, events));
                grpcRuns.add(measure(grpc, rows, events));
                singleRuns.add(measure(single, rows, events));
                System.out.printf("run %d: batched %.0f ev/s p99 %.1f ms | binary %.0f ev/s p99 %.1f ms"
                        + " | gRPC %.0f ev/s p99 %.1f ms | single %.0f ev/s p99 %.1f ms%n", run + 1,
                        batchedRuns.get(run)[0], batchedRuns.get(run)[2], binaryRuns.get(run)[0],
                        binaryRuns.get(run)[2], grpcRuns.get(run)[0], grpcRuns.get(run)[2], singleRuns.get(run)[0],
                        singleRuns.get(run)[2]);
            }
            double[] b = medians(batchedRuns);
            double[] bin = medians(binaryRuns);
            double[] g = medians(grpcRuns);
            double[] s = medians(singleRuns);
            ObjectNode report = new ObjectMapper().createObjectNode();
            report.put("events", events).put("runs", runs).put("warmup_rounds", warmUpRounds).put("window", WINDOW)
                    .put("features", features)
                    .put("events_per_second_batched", b[0]).put("events_per_second_single", s[0])
                    .put("ratio_batched_vs_single", b[0] / s[0])
                    .put("p50_ms_batched", b[1]).put("p99_ms_batched", b[2])
                    .put("p50_ms_single", s[1]).put("p99_ms_single", s[2])
                    .put("events_per_second_batched_binary", bin[0]).put("ratio_binary_vs_json", bin[0] / b[0])
                    .put("p50_ms_batched_binary", bin[1]).put("p99_ms_batched_binary", bin[2])
                    .put("events_per_second_batched_grpc", g[0]).put("ratio_grpc_vs_json", g[0] / b[0])
                    .put("ratio_grpc_vs_binary", g[0] / bin[0])
                    .put("p50_ms_batched_grpc", g[1]).put("p99_ms_batched_grpc", g[2])
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
        String failures = "";
        try (RemoteBatchScorer scorer = new RemoteBatchScorer(config, rows[0].length, FallbackScorer.constant(-1))) {
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
            failures = "requests " + scorer.stats().requests() + ", timeouts " + scorer.stats().timeouts()
                    + ", failed " + scorer.stats().failures();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (fallbacks.get() > 0) {
            throw new IllegalStateException(fallbacks.get() + " events fell back (max_batch " + config.maxBatch()
                    + ", binary_data " + config.binaryData() + ", " + (config.grpc() ? "gRPC" : "REST") + ": "
                    + failures + "): the measurement is not valid");
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

    /** Rows of an amount (0..500, shortest-repr doubles as a real amount would be) then hour-like integers. */
    private static double[][] rows(int events, int features) {
        Random random = new Random(42);
        double[][] rows = new double[Math.min(events, 10_000)][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[features];
            rows[i][0] = random.nextDouble() * 500;
            for (int f = 1; f < features; f++) {
                rows[i][f] = f % 2 == 0 ? random.nextDouble() * 100 : random.nextInt(24);
            }
        }
        return rows;
    }

    /** Feature names: amount, hour for the two-feature model (the README's table), else f0, f1, ... */
    private static List<String> featureNames(int features) {
        return features == 2 ? List.of("amount", "hour")
                : java.util.stream.IntStream.range(0, features).mapToObj(f -> "f" + f).toList();
    }

    private static ModelRegistry registry(Path dir, int features) throws Exception {
        ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
        StringBuilder trees = new StringBuilder();
        int count = 100;
        for (int t = 0; t < count; t++) {
            int feature = t % features;
            trees.append(t == 0 ? "" : ", ").append(stump(t, feature, feature == 0 ? 5 + t * 4 : t % 24,
                    0.01 * (t % 7), -0.01 * (t % 5), features));
        }
        List<String> names = featureNames(features);
        String model = """
                {"learner": {"attributes": {}, "feature_names": %s, "feature_types": [],
                  "gradient_booster": {"name": "gbtree", "model": {"gbtree_model_param": {"num_parallel_tree": "1",
                    "num_trees": "%d"}, "iteration_indptr": %s, "tree_info": %s, "trees": [%s]}},
                  "learner_model_param": {"base_score": "[5E-1]", "boost_from_average": "1", "num_class": "0",
                    "num_feature": "%d", "num_target": "1"}, "objective": {"name": "binary:logistic"}},
                 "version": [3, 0, 4]}""".formatted(new ObjectMapper().writeValueAsString(names), count,
                Arrays.toString(java.util.stream.IntStream.rangeClosed(0, count).toArray()),
                Arrays.toString(new int[count]), trees, features);
        Path file = Files.writeString(dir.resolve("bench-model.json"), model);
        double[] row = rows(1, features)[0];
        Histogram bins = new Histogram(new double[] {100}, new long[] {1, 1}, 0);
        Map<String, Histogram> baselines = new java.util.LinkedHashMap<>();
        names.forEach(name -> baselines.put(name, bins));
        registry.register("bench", file, new ManifestDraft(ModelFormat.XGBOOST_JSON, names,
                "binary:logistic", new TrainingTimeRange(0, 1), Map.of(), new Baselines(baselines, bins),
                new SelfCheck(List.of(new SelfCheckRow(row, XGBoostJsonModel.load(file).scorer().score(row))), 1e-9)));
        registry.promote("bench", 1, "benchmark");
        return registry;
    }

    private static String stump(int id, int feature, double threshold, double below, double above, int features) {
        return ("{\"base_weights\": [0, %s, %s], \"categories\": [], \"categories_nodes\": [],"
                + " \"categories_segments\": [], \"categories_sizes\": [], \"default_left\": [0, 0, 0], \"id\": %d,"
                + " \"left_children\": [1, -1, -1], \"loss_changes\": [1, 0, 0], \"parents\": [2147483647, 0, 0],"
                + " \"right_children\": [2, -1, -1], \"split_conditions\": [%s, %s, %s],"
                + " \"split_indices\": [%d, 0, 0], \"split_type\": [0, 0, 0], \"sum_hessian\": [10, 5, 5],"
                + " \"tree_param\": {\"num_deleted\": \"0\", \"num_feature\": \"%d\", \"num_nodes\": \"3\","
                + " \"size_leaf_vector\": \"1\"}}").formatted(below, above, id, threshold, below, above, feature,
                features);
    }
}

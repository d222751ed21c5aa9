package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.registry.ModelFormat;
import io.streamscore.scoring.ModelInfo;
import io.streamscore.scoring.Scorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A model that fails with an {@link Error} (a native crash inside ONNX Runtime, an allocation the batch could not
 * get) must fail its batch, not the batcher: before, the batcher's thread died and every later request of that
 * version waited forever. The scorer here is a test double, because such a failure cannot be caused on purpose with
 * a real model: its first batch throws an Error, the next ones score each row as its first value times two.
 */
class ServerBatcherTest {
    @Test
    void aBatchTheModelFailsWithAnErrorAnswers500AndTheNextBatchIsScored() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        VersionMetrics metrics = new ServeMetrics().loaded("failing", 1);
        try (ServerBatcher batcher = new ServerBatcher(new FailingOnceScorer(batches), "failing", 1, 16,
                Duration.ofMillis(1), metrics)) {
            assertThatThrownBy(() -> batcher.score(new double[][] {{1}}).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(InferenceException.class,
                            e -> {
                                assertThat(e.status()).isEqualTo(500);
                                assertThat(e.getMessage()).contains("model 'failing' version 1 failed scoring",
                                        "native failure");
                            });

            double[] scores = batcher.score(new double[][] {{3}, {4}}).get(10, TimeUnit.SECONDS);

            assertThat(scores).containsExactly(6, 8);
            assertThat(batches).hasValue(2);
            assertThat(metrics.failedBatches.getLongValue()).isEqualTo(1);
            assertThat(metrics.rowsScored.getLongValue()).isEqualTo(2);
            assertThat(metrics.batchRows.getCount()).isEqualTo(2);
        }
    }

    @Test
    void concurrentRequestsAreCountedOnceEachInTheBatchAndQueueMetrics() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        VersionMetrics metrics = new ServeMetrics().loaded("failing", 1);
        int threads = 4;
        int requests = 100;
        try (ServerBatcher batcher = new ServerBatcher(new FailingOnceScorer(batches), "failing", 1, 16,
                Duration.ofMillis(1), metrics)) {
            assertThatThrownBy(() -> batcher.score(new double[][] {{1}}).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            ExecutorService clients = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> rowsSent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                rowsSent.add(clients.submit(() -> {
                    int rows = 0;
                    for (int i = 0; i < requests; i++) {
                        double[][] batch = new double[i % 3 + 1][];
                        Arrays.fill(batch, new double[] {i});
                        assertThat(batcher.score(batch).get(10, TimeUnit.SECONDS)).hasSize(batch.length);
                        rows += batch.length;
                    }
                    return rows;
                }));
            }
            int rows = 0;
            for (Future<Integer> sent : rowsSent) {
                rows += sent.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();

            assertThat(metrics.rowsScored.getLongValue()).isEqualTo(rows);
            assertThat(metrics.failedBatches.getLongValue()).isEqualTo(1);
            assertThat(metrics.batchRows.getCount()).isEqualTo(batches.get());
            assertThat(metrics.batchRows.getSum()).isEqualTo(rows + 1);
            assertThat(metrics.queueWait.getCount()).isEqualTo(1 + threads * requests);
        }
    }

    private record FailingOnceScorer(AtomicInteger batches) implements Scorer {
        @Override
        public String[] featureNames() {
            return new String[] {"x"};
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo(ModelFormat.XGBOOST_JSON, "binary:logistic", 1, 1);
        }

        @Override
        public double score(double[] row) {
            return row[0] * 2;
        }

        @Override
        public void scoreBatch(double[][] rows, int count, double[] out) {
            if (batches.incrementAndGet() == 1) {
                throw new InternalError("native failure in the test double");
            }
            for (int i = 0; i < count; i++) {
                out[i] = score(rows[i]);
            }
        }

        @Override
        public void close() {}
    }
}

package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.registry.ModelFormat;
import io.streamscore.scoring.ModelInfo;
import io.streamscore.scoring.Scorer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
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
        VersionMetrics metrics = new VersionMetrics("failing", "1");
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
            assertThat(metrics.failedBatches.sum()).isEqualTo(1);
            assertThat(metrics.rowsScored.sum()).isEqualTo(2);
            assertThat(metrics.batchRows.count()).isEqualTo(2);
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

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.sink.KafkaOutputSink;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once output over many checkpoints reuses a small pool of transactional ids. A sink that named a new
 * transactional id per checkpoint and subtask (the connector's default) would leave the broker's transaction
 * coordinator one more id to remember for {@code transactional.id.expiration.ms} (7 days by default) per subtask
 * and checkpoint: with 2 s checkpoints and 2 subtasks, over 600,000 ids a week.
 */
class TransactionalIdsITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 4_000;

    @Test
    void manyCheckpointsReuseAFewTransactionalIdsAndStillWriteEveryRecordOnce() throws Exception {
        PipelineSpec spec = spec("json");
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            // about 8 s of input at 500 ms checkpoints
            produceInSlices(runtime.bootstrapServers(), input.records(), 16, Duration.ofMillis(500));
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
            }
            double checkpoints = MetricsEndpointITCase.value(new MetricsScraper(runtime.metricsUrl()).scrape(),
                    "streamscore_checkpoints_completed", MetricsEndpointITCase.any());
            Set<String> ids = transactionalIds(runtime.bootstrapServers(), outputs.transactionalIdPrefix());
            String scoresPrefix = outputs.transactionalIdPrefix() + KafkaOutputSink.SCORES_ID_SUFFIX + "-";
            Set<String> scoresIds = ids.stream().filter(id -> id.startsWith(scoresPrefix)).collect(Collectors.toSet());

            assertThat(checkpoints).as("checkpoints completed during the run").isGreaterThanOrEqualTo(12);
            // per sink (scores; the other outputs), two subtasks, each with its open transaction and at most a few
            // waiting for their commit
            assertThat(scoresIds).as("transactional ids of the scores' sink after %s checkpoints", checkpoints)
                    .isNotEmpty().hasSizeLessThanOrEqualTo(8);
            assertThat(ids).as("transactional ids of the other outputs' sink after %s checkpoints", checkpoints)
                    .hasSizeLessThanOrEqualTo(scoresIds.size() + 8);
        }
    }

    private static Set<String> transactionalIds(String bootstrap, String prefix) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTransactions().all().get().stream().map(TransactionListing::transactionalId)
                    .filter(id -> id.startsWith(prefix)).collect(Collectors.toSet());
        }
    }
}

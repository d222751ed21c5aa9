package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.FailOnceAfterCheckpoint;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.StoreChecks;
import io.streamscore.cli.testing.TestServers;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.EventStage;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Redis and PostgreSQL under a forced failure, against real servers: the job throws once after a checkpoint, restarts
 * from it and replays what followed. PostgreSQL must then hold exactly one row per scored event, and Redis, for
 * every user, the feature vector of that user's newest event, with the values the (exactly-once) scores topic has.
 */
class StoresRecoveryITCase extends PipelineTestBase {
    private static final int TRANSACTIONS = 4_000;
    private static final String FAILURE = "stores-recovery";

    private static PipelineSpec spec(String keyPrefix, String table) {
        return SpecLoader.parse("""
                name: stores-it
                sources:
                  transactions:
                    topic: transactions
                    schema: transaction
                    key: user_id
                    event_time: event_time
                    max_out_of_orderness: 5s
                    idleness: 5s
                    allowed_lateness: 30s
                features:
                  - {name: user_tx_1h, aggregation: count, window: 1h}
                  - {name: user_spend_10m, aggregation: sum, field: amount, window: 10m}
                outputs:
                  scores_topic: scores
                  alerts_topic: alerts
                  late_topic: late-events
                  dead_letter_topic: dead-letters
                  checkpoint_interval: 500ms
                runtime:
                  parallelism: 2
                  state_backend: hashmap
                """ + TestServers.storesSection(keyPrefix, table, 50, 200), Path.of("."));
    }

    @Test
    void forcedFailureLeavesOneRowPerEventAndTheNewestVectorPerEntity() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        PipelineSpec spec = spec("it-" + run + ":", "scores_" + run);
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
        EventStage failOnce = events -> events.map(new FailOnceAfterCheckpoint(FAILURE, 800)).name("fail once (test)");

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            runtime.startJob(List.of(failOnce));
            OutputsSpec outputs = runtime.spec().outputs();
            produceInSlices(runtime.bootstrapServers(), input.records(), 8, Duration.ofMillis(400));
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
                assertThat(FailOnceAfterCheckpoint.failed(FAILURE)).as("the injected failure happened").isTrue();

                StoreChecks.assertOneRowPerScoredEvent(spec.stores(), input.expectedScoredIds(),
                        reader.records(outputs.scoresTopic()));
                StoreChecks.assertNewestVectorPerUser(spec.stores(), reader.records(outputs.scoresTopic()));
            } finally {
                StoreChecks.clean(spec.stores());
            }
        }
    }
}

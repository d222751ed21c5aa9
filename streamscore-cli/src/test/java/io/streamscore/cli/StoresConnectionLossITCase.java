package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.StoreChecks;
import io.streamscore.cli.testing.TestServers;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.flink.store.RedisConnector;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * The stores dropping the pipeline's connections mid-run, as a restart or a failover does: Redis kills its clients
 * ({@code CLIENT KILL TYPE normal}) and PostgreSQL terminates the results sink's sessions. The sinks' next flush
 * fails, and that must be an ordinary task failure: the job restarts with its restart strategy, the sinks reconnect,
 * and the stores end as after an undisturbed run: one row per scored event in PostgreSQL, the newest vector per user
 * in Redis, every score exactly once in the scores topic.
 */
class StoresConnectionLossITCase extends PipelineTestBase {
    private static final Logger LOG = LoggerFactory.getLogger(StoresConnectionLossITCase.class);
    private static final int TRANSACTIONS = 4_000;

    /**
     * Checkpoints every 2 s and Redis batches of 100 vectors (about 20 KB of commands): after the kill a full batch
     * comes long before the next checkpoint's flush.
     */
    private static PipelineSpec spec(String keyPrefix, String table) {
        return SpecLoader.parse(specYaml("json").replace("name: it-pipeline", "name: stores-connection-loss")
                .replace("checkpoint_interval: 500ms", "checkpoint_interval: 2s") + """
                features:
                  - {name: user_tx_1h, aggregation: count, window: 1h}
                  - {name: user_spend_10m, aggregation: sum, field: amount, window: 10m}
                """ + TestServers.storesSection(keyPrefix, table, 100, 200), Path.of("."));
    }

    @Test
    void droppedStoreConnectionsRestartTheJobAndTheStoresEndComplete() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        PipelineSpec spec = spec("it-" + run + ":", "scores_" + run);
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), TRANSACTIONS);
        GeneratedInput firstHalf = new GeneratedInput(input.records().subList(0, TRANSACTIONS / 2));
        List<GeneratedRecord> secondHalf = input.records().subList(TRANSACTIONS / 2, TRANSACTIONS);

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults());
             Jedis redis = RedisConnector.connect(TestServers.redis(), null)) {
            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                produceInSlices(runtime.bootstrapServers(), firstHalf.records(), 4, Duration.ofMillis(400));
                // Committed scores mean a checkpoint passed, so the sinks have flushed everything and hold nothing.
                reader.readUntil(Map.of(outputs.scoresTopic(), firstHalf.expectedScoredIds().size()),
                        Duration.ofSeconds(60));
                assertThat(reader.records(outputs.scoresTopic())).hasSize(firstHalf.expectedScoredIds().size());

                long newestBeforeKill = newestSinkConnection(redis);
                long killed = redis.clientKill(ClientKillParams.clientKillParams().type(ClientType.NORMAL));
                long killedAt = System.nanoTime();
                int terminated = terminateSinkBackends();
                assertThat(killed).as("the feature sink's Redis connections killed").isPositive();
                assertThat(terminated).as("the results sink's PostgreSQL sessions terminated").isPositive();
                // All at once: the first writes after the kill are full batches, larger than Jedis's output buffer,
                // so bytes are left unsent when the write fails (what made closing the connection throw).
                CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> produce(runtime, secondHalf));
                awaitSinkReconnected(redis, newestBeforeKill, killedAt);
                rest.get(60, TimeUnit.SECONDS);

                awaitOutputs(reader, outputs, input, Duration.ofSeconds(90));
                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                StoreChecks.assertOneRowPerScoredEvent(spec.stores(), input.expectedScoredIds(),
                        reader.records(outputs.scoresTopic()));
                StoreChecks.assertNewestVectorPerUser(spec.stores(), reader.records(outputs.scoresTopic()));
            } finally {
                StoreChecks.clean(spec.stores());
            }
        }
    }

    private static void produce(LocalRuntime runtime, List<GeneratedRecord> records) {
        try {
            GeneratedInput.produce(runtime.bootstrapServers(), "transactions", records);
        } catch (Exception e) {
            throw new IllegalStateException("producing the input failed", e);
        }
    }

    /**
     * The restarted sink opens new connections, named {@code streamscore} like every store client; Redis numbers
     * connections in order, so a new one has a larger id than any before the kill.
     */
    private static void awaitSinkReconnected(Jedis redis, long newestBeforeKill, long killedAt) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> newestSinkConnection(redis) > newestBeforeKill);
        LOG.info("the feature sink reconnected to Redis {} ms after its connections were killed",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
    }

    /** The largest id of a connection named {@code streamscore}, 0 with none. */
    private static long newestSinkConnection(Jedis redis) {
        return redis.clientList(ClientType.NORMAL).lines().filter(line -> line.contains(" name=streamscore "))
                .mapToLong(line -> Long.parseLong(line.substring("id=".length(), line.indexOf(' '))))
                .max().orElse(0);
    }

    /** Terminates the results sink's sessions (the writer names itself {@code streamscore}), as a failover does. */
    private static int terminateSinkBackends() throws SQLException {
        TestServers.Postgres postgres = TestServers.postgres();
        try (Connection sql = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
             Statement statement = sql.createStatement();
             ResultSet terminated = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                     + "FROM pg_stat_activity WHERE application_name = 'streamscore' AND pid <> pg_backend_pid()")) {
            terminated.next();
            return terminated.getInt(1);
        }
    }
}

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamscore.cli.dashboard.MetricSample;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.local.SourceLag;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.StoreChecks;
import io.streamscore.cli.testing.TestServers;
import io.streamscore.cli.testing.TopicReader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A real sink made slow: this test holds an {@code EXCLUSIVE} lock on the PostgreSQL results table (reads pass,
 * writes wait) while a second batch of payments arrives. The results sink's inserts wait on the lock, its task
 * stops, and Flink's backpressure holds the whole pipeline: the payments wait in Kafka, no checkpoint completes, so no
 * more scores are committed to the scores topic. Once the lock is released everything flows: every record in exactly
 * one output once, one row per scored event in PostgreSQL, and the event-time-to-output latency histogram shows the
 * wait (read-to-output latency does not: backpressure keeps the waiting payments in Kafka, unread, and only a few
 * dozen in Flink's buffers). The source's consumer group shows the wait as lag, as Kafka's own tools read it, back
 * to 0 once all is read and checkpointed.
 * ({@link BackpressureITCase} slows an operator instead, at a steady 5 ms per event.)
 */
class SlowStoreBackpressureITCase extends PipelineTestBase {
    private static final int BATCH = 2_000;
    /**
     * More payments than Flink's network buffers hold (a few thousand of these between the source and the sink):
     * fewer would all be read, scored and encoded before the sink's stop held anything back.
     */
    private static final int HELD_BATCH = 12_000;
    /** How long the lock is held after the sink was seen waiting on it. */
    private static final Duration HELD = Duration.ofSeconds(5);

    @Test
    void aLockedResultsTableHoldsThePipelineBackWithoutLossAndLatencyShowsIt() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String table = "scores_" + run;
        PipelineSpec spec = SpecLoader.parse(specYaml("json").replace("name: it-pipeline", "name: slow-store") + """
                features:
                  - {name: user_tx_1h, aggregation: count, window: 1h}
                """ + TestServers.storesSection("it-" + run + ":", table, 100, 200), Path.of("."));
        GeneratedInput first = GeneratedInput.transactions(inputConfig("json").build(), BATCH);

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults());
             Connection locker = connect()) {
            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            MetricsScraper metrics = new MetricsScraper(runtime.metricsUrl());
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                double freeSeconds = produceAndAwaitOutputs(runtime.bootstrapServers(), reader, outputs, first);
                List<MetricSample> before = metrics.scrape();

                locker.setAutoCommit(false);
                try (Statement lock = locker.createStatement()) {
                    lock.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
                }
                long locked = System.nanoTime();
                // payments of now, within 24 ms of event time: event time to output is how long each waited
                GeneratedInput second = GeneratedInput.transactions(inputConfig("json").seed(8)
                        .startTime(System.currentTimeMillis()).eventsPerSecond(500_000).build(), HELD_BATCH);
                List<GeneratedRecord> all = new ArrayList<>(first.records());
                all.addAll(second.records());
                GeneratedInput input = new GeneratedInput(all);
                second.produce(runtime.bootstrapServers(), "transactions");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> sinkSessionsWaitingOnALock() > 0);
                Thread.sleep(1_000); // a checkpoint whose barriers passed the sink before it blocked may still commit
                reader.readFor(Duration.ofMillis(500));
                int committedWhileBlocked = reader.records(outputs.scoresTopic()).size();
                reader.readFor(HELD);
                int committedLater = reader.records(outputs.scoresTopic()).size();
                long backlogWhileHeld = consumerGroupLag(runtime);
                assertThat(sinkSessionsWaitingOnALock()).as("the results sink still waits on the lock").isPositive();
                locker.rollback(); // releases the lock
                double heldSeconds = (System.nanoTime() - locked) / 1e9;

                assertThat(committedLater).as("scores committed while the results sink waited %s", HELD)
                        .isEqualTo(committedWhileBlocked);
                assertThat(committedLater).as("the second batch was held back")
                        .isLessThan(input.expectedScoredIds().size());
                assertThat(backlogWhileHeld).as("the source's consumer group lag while the sink waited")
                        .isGreaterThan(HELD_BATCH / 2).isLessThanOrEqualTo(HELD_BATCH);
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(consumerGroupLag(runtime)).isZero());
                double seconds = (System.nanoTime() - locked) / 1e9;
                List<MetricSample> after = metrics.scrape();
                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                StoreChecks.assertOneRowPerScoredEvent(spec.stores(), input.expectedScoredIds(),
                        reader.records(outputs.scoresTopic()));

                long heldBefore = slowerThan(before, HELD);
                long held = slowerThan(after, HELD) - heldBefore;
                int secondScored = second.expectedScoredIds().size();
                System.out.printf("slow store: %d payments before the lock %.1f s; %d with the table locked %.1f s, "
                        + "%.1f s in all, %d of their %d scored output later than %s after their event time; "
                        + "consumer group lag %d while held%n", BATCH, freeSeconds, HELD_BATCH, heldSeconds, seconds,
                        held, secondScored, HELD, backlogWhileHeld);
                assertThat(seconds).as("the locked batch took the lock's time").isGreaterThan(heldSeconds);
                // The second batch's results encoded before the stop reached back to the encoder (those that fit in
                // the buffers ahead of the sink) came in time; the rest waited in Kafka (so ingest-to-output latency
                // does not see the wait: they are read later).
                assertThat(held).as("second-batch results later than %s after their event time", HELD)
                        .isGreaterThan(secondScored / 2).isLessThanOrEqualTo(secondScored);
            } finally {
                StoreChecks.clean(spec.stores());
            }
        }
    }

    /**
     * Results whose event-time-to-output latency was above {@code limit} (a bucket bound of the latency histogram).
     * The first batch's event times are long past, so all of its results are above; the second's are now.
     */
    private static long slowerThan(List<MetricSample> samples, Duration limit) {
        Predicate<MetricSample> eventTime = sample -> "event_time".equals(sample.label("since"));
        double all = MetricsEndpointITCase.value(samples, "streamscore_end_to_end_latency_ms_count", eventTime);
        double within = MetricsEndpointITCase.value(samples, "streamscore_end_to_end_latency_ms_bucket",
                eventTime.and(sample -> !sample.label("le").equals("+Inf")
                        && Double.parseDouble(sample.label("le")) == limit.toMillis()));
        assertThat(all).as("latency samples").isPositive();
        return Math.round(all - within);
    }

    /** The lag of the payments' consumer group ({@code streamscore lag}): records not read and checkpointed. */
    private static long consumerGroupLag(LocalRuntime runtime) throws InterruptedException {
        return SourceLag.read(runtime.spec(), Duration.ofSeconds(10)).get(0).lag(); // the spec with Kafka's address
    }

    private static Connection connect() throws SQLException {
        TestServers.Postgres postgres = TestServers.postgres();
        return DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
    }

    /** Sessions of the results sink (named {@code streamscore}) that wait for a lock. */
    private static int sinkSessionsWaitingOnALock() throws SQLException {
        try (Connection sql = connect();
             Statement statement = sql.createStatement();
             ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE application_name = 'streamscore' AND wait_event_type = 'Lock'")) {
            waiting.next();
            return waiting.getInt(1);
        }
    }
}

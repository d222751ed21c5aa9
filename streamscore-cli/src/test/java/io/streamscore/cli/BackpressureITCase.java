package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.dashboard.MetricSample;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.event.Event;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.MapFunction;
import org.junit.jupiter.api.Test;

/**
 * A slow last stage: once switched on, every event waits 5 ms in the operator right before scoring and the sink
 * (about 400 events/s at parallelism 2), so Flink's backpressure reaches the Kafka source (records wait in Kafka).
 * Nothing is lost or duplicated, the slowed batch takes at least half the added 5 s longer than the same batch
 * before, and the end-to-end latency histogram (ingest to output, on the Prometheus endpoint) shows the added
 * wait: its mean grows more than tenfold, past the 5 ms per event.
 *
 * <p>A broker-side producer quota on the embedded broker would be the more literal slow sink, but its throttling
 * did not hold back the transactional sink here; the slow stage backpressures the same way.
 */
class BackpressureITCase extends PipelineTestBase {
    private static final int BATCH = 2_000;
    private static final AtomicBoolean SLOW = new AtomicBoolean();
    /** What the slow stage adds to a batch: 5 ms per event, on 2 subtasks. */
    private static final double SLOWED_SECONDS = BATCH * 0.005 / 2;

    /** Waits 5 ms per event while {@link #SLOW} is set (static: the MiniCluster runs in this JVM). */
    static final class SlowFunction implements MapFunction<Event, Event> {
        @Override
        public Event map(Event event) {
            if (SLOW.get()) {
                LockSupport.parkNanos(5_000_000);
            }
            return event;
        }
    }

    @Test
    void slowStageBackpressuresThePipelineWithoutLossAndLatencyShowsIt() throws Exception {
        PipelineSpec spec = SpecLoader.parse(specYaml("json").replace("name: it-pipeline", "name: it-backpressure"),
                Path.of("."));
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), 2 * BATCH);
        GeneratedInput first = new GeneratedInput(input.records().subList(0, BATCH));
        List<GeneratedRecord> second = input.records().subList(BATCH, 2 * BATCH);

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            runtime.startJob(List.of(events -> events.map(new SlowFunction()).name("slow stage (test)")));
            OutputsSpec outputs = runtime.spec().outputs();
            MetricsScraper metrics = new MetricsScraper(runtime.metricsUrl());
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                double freeSeconds = produceAndAwaitOutputs(runtime.bootstrapServers(), reader, outputs, first);
                double[] before = latency(metrics.scrape());

                SLOW.set(true);
                long throttled = System.nanoTime();
                GeneratedInput.produce(runtime.bootstrapServers(), "transactions", second);
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(150));
                double seconds = (System.nanoTime() - throttled) / 1e9;
                double[] after = latency(metrics.scrape());

                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                double meanBefore = before[1] / before[0];
                double meanAfter = (after[1] - before[1]) / (after[0] - before[0]);
                System.out.printf("backpressure: batch of %d before %.1f s, mean latency %.1f ms; slowed %.1f s, "
                        + "mean latency %.1f ms%n", BATCH, freeSeconds, meanBefore, seconds, meanAfter);
                assertThat(seconds).as("slowed batch vs the same batch before (%.1f s)", freeSeconds)
                        .isGreaterThan(freeSeconds + SLOWED_SECONDS / 2);
                assertThat(meanAfter)
                        .as("mean ingest-to-output latency under backpressure vs before (%.0f ms)", meanBefore)
                        .isGreaterThan(Math.max(10 * meanBefore, 5.0));
            }
        }
    }

    /** [count, sum] of the ingest-to-output latency histogram. */
    private static double[] latency(List<MetricSample> samples) {
        double count = 0;
        double sum = 0;
        for (MetricSample s : samples) {
            if ("ingest_time".equals(s.labels().get("since"))) {
                count += s.name().equals("streamscore_end_to_end_latency_ms_count") ? s.value() : 0;
                sum += s.name().equals("streamscore_end_to_end_latency_ms_sum") ? s.value() : 0;
            }
        }
        assertThat(count).as("latency samples").isPositive();
        return new double[] {count, sum};
    }
}

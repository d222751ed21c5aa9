package io.streamscore.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.spec.PipelineSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One measured run of the pipeline on a MiniCluster against the embedded broker: the job starts on a backlog of
 * pre-generated input, and a read_committed consumer counts its scores. Throughput is the steady rate: the payments
 * the pipeline read between the 10th and the 90th percentile of the run (by the ingest time each score carries),
 * over that time, so neither the job's start nor the last checkpoint's wait is counted. Latency, per score, ends
 * when it became readable (read_committed: the first poll that saw the partition's committed end past it, see
 * {@link Visibility}) and starts when the producer sent its payment (end to end, when the send times are known) or
 * when the pipeline read it ({@code ingest_time}: the pipeline's own share, without Kafka's produce and fetch). The
 * result also gives latency until the reader returned the score, which with exactly-once includes the time the
 * reader took for the scores ahead of it in the same commit.
 */
final class PipelineRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code eventsPerSecond}: the steady rate at which the pipeline read the payments whose scores it wrote (by
     * their {@code ingest_time}); {@code visiblePerSecond}: the same by the time the reader returned the scores (not
     * by when they became readable: a backlog run's exactly-once output becomes readable in a few commits, too few
     * steps for a rate), which with exactly-once moves in steps of a checkpoint interval and, over a run of a few
     * intervals, misjudges the rate by up to one interval. Latencies end to end (from the send) when send times were
     * given, else from {@code ingest_time}. {@code readVsSend} (NaN without send times): the rate the pipeline read the
     * measured payments at over the rate they were sent at, both between their 10th and 90th percentile; below 1 the
     * pipeline fell behind the feed, and its latencies measure a growing queue. {@code p50UntilReadMs},
     * {@code p99UntilReadMs}: the latencies until the reader returned each score instead of until it was readable.
     */
    record Result(double eventsPerSecond, double visiblePerSecond, double p50Ms, double p99Ms,
                  double p50UntilReadMs, double p99UntilReadMs, double p50FromIngestMs, double p99FromIngestMs,
                  double cpuMicrosPerEvent,
                  CheckpointSampler.Summary checkpoints, GcPauses.Summary gcPauses, double readVsSend) {}

    private PipelineRun() {}

    /** Runs {@code spec} until {@code events} scores are readable (input must already be in Kafka). */
    static Result run(PipelineSpec spec, String bootstrap, long events) throws Exception {
        return run(spec, bootstrap, events, () -> { }, null);
    }

    /**
     * Runs {@code spec} until {@code events} scores are readable; {@code whileRunning} starts the input, and
     * {@code sentAt} (null: unknown) is filled with each payment's send time. A full collection first: what earlier
     * runs and the input's generation left is then old, so the run's young collections copy only what it makes.
     * The result's GC pauses are those between the first measured payment's start and its last score's read.
     */
    static Result run(PipelineSpec spec, String bootstrap, long events, Runnable whileRunning,
                      SendTimes sentAt) throws Exception {
        System.gc();
        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults());
             KafkaConsumer<byte[], byte[]> scores = reader(bootstrap, spec.outputs().scoresTopic(), sentAt != null);
             CpuSampler cpu = new CpuSampler();
             GcPauses gc = new GcPauses()) {
            String jobId = runtime.startJob(List.of()).getJobID().toHexString();
            CheckpointSampler checkpoints = new CheckpointSampler(runtime.metricsUrl(), runtime.flinkRestUrl(), jobId);
            whileRunning.run();
            long[] readAt = new long[(int) events];
            long[] readAtMillis = new long[(int) events];
            long[] readableAtMillis = new long[(int) events];
            ScoreSlab values = new ScoreSlab((int) events);
            int[] partitions = new int[(int) events];
            long[] offsets = new long[(int) events];
            Visibility visibility = new Visibility();
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (seen < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : scores.poll(Duration.ofMillis(100))) {
                    if (seen < events) {
                        readAt[seen] = System.nanoTime();
                        readAtMillis[seen] = System.currentTimeMillis();
                        partitions[seen] = record.partition();
                        offsets[seen] = record.offset();
                        values.add(record.value());
                    }
                    seen++;
                }
                visibility.observe(scores, System.currentTimeMillis());
            }
            if (seen < events) {
                throw new IllegalStateException("only " + seen + " of " + events + " scores within 10 minutes");
            }
            checkpoints.close();
            cpu.close();
            for (int i = 0; i < events; i++) {
                readableAtMillis[i] = visibility.readableAt(partitions[i], offsets[i], readAtMillis[i]);
            }
            return result(readAt, readAtMillis, readableAtMillis, values, sentAt, checkpoints.summary(), cpu, gc);
        }
    }

    /**
     * Parsed after the run, not while scores arrive: the reader shares the pipeline's two cores, and parsing every
     * score as it came took ~15% of the CPU during a run. Latencies leave out the payments {@code sentAt} sent to
     * warm the job up.
     */
    private static Result result(long[] readAt, long[] readAtMillis, long[] readableAtMillis, ScoreSlab values,
                                 SendTimes sentAt, CheckpointSampler.Summary checkpoints, CpuSampler cpu, GcPauses gc)
            throws java.io.IOException {
        double[] latencies = new double[values.size()];
        double[] untilRead = new double[values.size()];
        long firstStart = Long.MAX_VALUE;
        long lastRead = Long.MIN_VALUE;
        double[] fromIngest = new double[values.size()];
        long[] ingestedAtNanos = new long[values.size()];
        long[] measuredIngestNanos = new long[values.size()];
        long[] measuredSentNanos = new long[values.size()];
        int measured = 0;
        for (int i = 0; i < values.size(); i++) {
            JsonNode score = JSON.readTree(values.get(i));
            long ingestTime = score.get("ingest_time").asLong();
            ingestedAtNanos[i] = ingestTime * 1_000_000;
            String eventId = score.get("event_id").asText();
            if (sentAt != null && sentAt.isWarmUp(eventId)) {
                continue;
            }
            Long sent = sentAt == null ? null : sentAt.sentAt(eventId);
            fromIngest[measured] = readableAtMillis[i] - ingestTime;
            latencies[measured] = sent == null ? fromIngest[measured] : readableAtMillis[i] - sent;
            untilRead[measured] = readAtMillis[i] - (sent == null ? ingestTime : sent);
            firstStart = Math.min(firstStart, sent == null ? ingestTime : sent);
            lastRead = Math.max(lastRead, readAtMillis[i]);
            measuredIngestNanos[measured] = ingestedAtNanos[i];
            measuredSentNanos[measured] = sent == null ? 0 : sent * 1_000_000;
            measured++;
        }
        double readVsSend = sentAt == null ? Double.NaN : readVsSend(measuredIngestNanos, measuredSentNanos, measured);
        latencies = Arrays.copyOf(latencies, measured);
        fromIngest = Arrays.copyOf(fromIngest, measured);
        untilRead = Arrays.copyOf(untilRead, measured);
        Arrays.sort(ingestedAtNanos);
        CpuSampler.SteadyWindow steady = CpuSampler.SteadyWindow.of(ingestedAtNanos);
        return new Result(steady.eventsPerSecond(), steadyRate(readAt), percentile(latencies, 0.50),
                percentile(latencies, 0.99), percentile(untilRead, 0.50), percentile(untilRead, 0.99),
                percentile(fromIngest, 0.50), percentile(fromIngest, 0.99),
                cpu.microsPerEvent(steady), checkpoints, gc.within(firstStart, lastRead), readVsSend);
    }

    /**
     * The steady rate of the first {@code count} read times over that of their send times (each in any order): 1
     * when the pipeline kept up with the feed, below 1 when it fell behind.
     */
    static double readVsSend(long[] readNanos, long[] sentNanos, int count) {
        return sortedRate(readNanos, count) / sortedRate(sentNanos, count);
    }

    private static double sortedRate(long[] nanos, int count) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return steadyRate(sorted);
    }

    /** Results per second between the 10th and the 90th percentile result, by the ascending times given. */
    static double steadyRate(long[] readableAtNanos) {
        return CpuSampler.SteadyWindow.of(readableAtNanos).eventsPerSecond();
    }

    static double percentile(double[] values, double quantile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, sorted.length * quantile)];
    }

    /**
     * The scores' read_committed reader. {@code eager} (for latency): every fetch returns as soon as a score is
     * there. Otherwise (for throughput) fetches wait for 1 MiB or 200 ms: an eager reader of a stream that
     * becomes visible record by record (at-least-once) sends thousands of small fetches, whose broker and client
     * work shares the pipeline's two cores, while exactly-once output arrives in a few large commits.
     */
    static KafkaConsumer<byte[], byte[]> reader(String bootstrap, String topic, boolean eager) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        if (!eager) {
            config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
        }
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}

package io.streamscore.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.spec.PipelineSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One measured run of the pipeline on a MiniCluster against the embedded broker: the job starts on a backlog of
 * pre-generated input, and a read_committed consumer counts its scores. Throughput is events over the time from the
 * job running to the last score readable; latency is, per score, the time it became readable minus the time the
 * pipeline read its input ({@code ingest_time}).
 */
final class PipelineRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(double eventsPerSecond, double p50Ms, double p99Ms) {}

    private PipelineRun() {}

    /** Runs {@code spec} until {@code events} scores are readable (input must already be in Kafka, or be coming). */
    static Result run(PipelineSpec spec, String bootstrap, long events, Runnable whileRunning) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults());
             KafkaConsumer<byte[], byte[]> scores = reader(bootstrap, spec.outputs().scoresTopic())) {
            runtime.startJob(List.of());
            long started = System.nanoTime();
            whileRunning.run();
            double[] latencies = new double[(int) events];
            int seen = 0;
            long lastAt = started;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (seen < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : scores.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    lastAt = System.nanoTime();
                    if (seen < events) {
                        latencies[seen] = now - ingestTime(record);
                    }
                    seen++;
                }
            }
            if (seen < events) {
                throw new IllegalStateException("only " + seen + " of " + events + " scores within 10 minutes");
            }
            Arrays.sort(latencies);
            return new Result(events / ((lastAt - started) / 1e9), latencies[(int) (events * 0.50)],
                    latencies[(int) Math.min(events - 1, events * 0.99)]);
        }
    }

    private static long ingestTime(ConsumerRecord<byte[], byte[]> record) throws IOException {
        JsonNode score = JSON.readTree(record.value());
        return score.get("ingest_time").asLong();
    }

    private static KafkaConsumer<byte[], byte[]> reader(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}

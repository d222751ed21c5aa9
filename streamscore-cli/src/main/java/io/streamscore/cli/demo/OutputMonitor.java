package io.streamscore.cli.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.streamscore.cli.dashboard.RecentAlerts;
import io.streamscore.spec.OutputsSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a pipeline from the outside, as a user would: reads the output topics with {@code read_committed} and
 * counts what became visible. Latency is measured from the pipeline reading an event ({@code ingest_time} in the
 * result) to the result being readable here, so with exactly-once it includes the wait for the checkpoint that
 * commits it. Runs on its own thread; {@link #snapshot()} is safe from any thread.
 */
public final class OutputMonitor implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputMonitor.class);

    /** What the outputs held at one moment. */
    public record Snapshot(long scored, long alerts, long late, long deadLetters, long latencyP50, long latencyP99,
                           ModelQuality quality) {
        public long total() {
            return scored + late + deadLetters;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final OutputsSpec outputs;
    private final AlertTable alertTable;
    private final GroundTruth truth;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final JsonFactory json = new JsonFactory();
    private final LatencyHistogram latency = new LatencyHistogram();
    /** The latencies since {@link #takeRecentLatency()} last ran: the run's whole histogram keeps its start-up. */
    private final LatencyHistogram recentLatency = new LatencyHistogram();
    private final RecentAlerts recentAlerts = new RecentAlerts();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private long scored;
    private long alerts;
    private long late;
    private long deadLetters;
    private long malformedResults;
    private ModelQuality quality = ModelQuality.NONE;

    public OutputMonitor(String bootstrapServers, OutputsSpec outputs) {
        this(bootstrapServers, outputs, null, null);
    }

    /**
     * Also writes every alert into {@code alertTable} (may be null), from this monitor's thread, and counts the
     * decisions of this run's scored payments against {@code truth} (may be null).
     */
    public OutputMonitor(String bootstrapServers, OutputsSpec outputs, AlertTable alertTable, GroundTruth truth) {
        this.outputs = outputs;
        this.alertTable = alertTable;
        this.truth = truth;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.GROUP_ID_CONFIG, "streamscore-monitor-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(outputs.scoresTopic(), outputs.alertsTopic(), outputs.lateTopic(),
                outputs.deadLetterTopic()));
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    count(record, System.currentTimeMillis());
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // close() woke us up to stop
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void count(ConsumerRecord<byte[], byte[]> record, long now) {
        String topic = record.topic();
        if (topic.equals(outputs.scoresTopic())) {
            scored++;
            ScoreFields result = parse(record.value());
            if (result.ingestTime > 0) {
                latency.record(now - result.ingestTime);
                recentLatency.record(now - result.ingestTime);
            }
            countDecision(result);
        } else if (topic.equals(outputs.alertsTopic())) {
            alerts++;
            recordAlert(record.value());
        } else if (topic.equals(outputs.lateTopic())) {
            late++;
        } else if (topic.equals(outputs.deadLetterTopic())) {
            deadLetters++;
        }
    }

    private void recordAlert(byte[] value) {
        try {
            com.fasterxml.jackson.databind.JsonNode alert = mapper.readTree(value);
            recentAlerts.add(alert);
            if (alertTable == null) {
                return;
            }
            alertTable.insert(alert.path("alert_id").asText(), alert.path("rule").asText(), alert.path("key").asText(),
                    alert.path("event_id").asText(), alert.path("event_time").asLong(),
                    new String(value, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (malformedResults++ == 0) {
                LOG.warn("an alert on {} is not valid JSON: {}", outputs.alertsTopic(), e.getMessage());
            }
        }
    }

    private void countDecision(ScoreFields result) {
        if (truth != null && result.decision != null && result.eventId != null && truth.ofThisRun(result.ingestTime)) {
            quality = quality.plus(result.modelVersion, result.decision, truth.takeFraud(result.eventId));
        }
    }

    /** The fields of a score record the monitor reads. */
    private static final class ScoreFields {
        long ingestTime = -1;
        String eventId;
        Boolean decision;
        String modelVersion;
    }

    private ScoreFields parse(byte[] value) {
        ScoreFields fields = new ScoreFields();
        try (JsonParser parser = json.createParser(value)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "ingest_time" -> fields.ingestTime = parser.getLongValue();
                    case "event_id" -> fields.eventId = parser.getText();
                    case "decision" -> fields.decision = token.isBoolean() ? parser.getBooleanValue() : null;
                    case "model_version" -> fields.modelVersion = token == JsonToken.VALUE_NULL ? null
                            : parser.getText();
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            if (malformedResults++ == 0) {
                LOG.warn("a result on {} is not valid JSON: {}", outputs.scoresTopic(), e.getMessage());
            }
        }
        return fields;
    }

    /** The newest alerts seen, for the dashboard's feed. */
    public RecentAlerts recentAlerts() {
        return recentAlerts;
    }

    /**
     * p50 and p99 latency (ms; -1 when none) of the scores read since the previous call, then starts over: the
     * status line's "last" figures, which show the pipeline as it runs now rather than averaged with its start.
     */
    public synchronized long[] takeRecentLatency() {
        long[] percentiles = {recentLatency.percentile(0.50), recentLatency.percentile(0.99)};
        recentLatency.clear();
        return percentiles;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(scored, alerts, late, deadLetters, latency.percentile(0.50), latency.percentile(0.99),
                quality);
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamscore.cli.local.CheckpointLocator;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.cli.dashboard.MetricsScraper;
import io.streamscore.event.Event;
import io.streamscore.flink.job.BrokerTopicLimits;
import io.streamscore.flink.sink.OutputSizeLimit;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.RecordKind;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import io.streamscore.flink.sink.DeadLetterEncoder;
import io.streamscore.spec.OutputsSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Records that would make an output larger than the job's producer may send ({@code max.request.size}, 1 MiB by
 * default), which a producer with compression gets past the broker's default limit: the job failed on them
 * ({@code RecordTooLargeException}), replayed them after the restart and failed again, without end. A record far
 * larger than {@code max_record_bytes} is dead-lettered as {@code record_too_large} with its first bytes and its
 * size (its dead letter carried the whole record); a payment whose key is 700 KB is dead-lettered as
 * {@code id_or_key_too_long} (its score carried the key twice, as Kafka key and in the value). The job keeps scoring.
 * A late Avro payment within {@code max_record_bytes} whose JSON for the late topic is six times larger (control
 * characters become &#92;u0001 escapes) is dead-lettered as {@code output_too_large}, and so is one whose JSON is
 * within the producer's limit but over the late topic's {@code max.message.bytes}.
 */
class OversizedRecordITCase extends PipelineTestBase {
    private static final int HUGE = 3 << 20;
    private static final int CONTROL_CHARACTERS = 300_000;
    private static final int LATE_TOPIC_LIMIT = 300_000;

    @Test
    void recordsThatWouldMakeOutputsTooLargeAreDeadLetteredAndTheJobKeepsScoring() throws Exception {
        GeneratedInput input = GeneratedInput.transactions(inputConfig("json").build(), 1_000);
        try (LocalRuntime runtime = LocalRuntime.start(spec("json"), LocalRuntime.Options.defaults())) {
            byte[] hugeValue = new byte[HUGE];
            Arrays.fill(hugeValue, (byte) 'x');
            produceCompressed(runtime.bootstrapServers(), "huge", hugeValue);
            String longKey = "k".repeat(700_000);
            produceCompressed(runtime.bootstrapServers(), "long-key", ("{\"event_id\":\"long-key\",\"user_id\":\""
                    + longKey + "\",\"card_id\":\"c\",\"merchant_id\":\"m\",\"merchant_category\":\"grocery\","
                    + "\"amount\":1.0,\"currency\":\"EUR\",\"country\":\"FR\",\"device_id\":\"d\",\"ip\":\"ip\","
                    + "\"event_time\":" + (T0 + 1_000) + "}").getBytes(StandardCharsets.UTF_8));
            input.produce(runtime.bootstrapServers(), "transactions");
            runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                reader.readUntil(Map.of(outputs.scoresTopic(), input.expectedScoredIds().size(),
                        outputs.deadLetterTopic(), input.malformed().size() + 2), Duration.ofSeconds(60));

                ConsumerRecord<byte[], byte[]> huge = reader.records(outputs.deadLetterTopic()).stream()
                        .filter(record -> "record_too_large".equals(header(record, DeadLetterEncoder.REASON)))
                        .findFirst().orElseThrow();
                assertThat(new String(huge.key(), StandardCharsets.UTF_8)).isEqualTo("huge");
                assertThat(huge.value()).hasSize(DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT)
                        .containsOnly((byte) 'x');
                assertThat(header(huge, DeadLetterEncoder.ORIGINAL_BYTES)).isEqualTo(Integer.toString(HUGE));
                assertThat(reader.records(outputs.deadLetterTopic())).filteredOn(record ->
                        "id_or_key_too_long".equals(header(record, DeadLetterEncoder.REASON)))
                        .singleElement().satisfies(record ->
                                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("long-key"));
                assertThat(eventIds(reader.records(outputs.scoresTopic())))
                        .containsExactlyInAnyOrderElementsOf(input.expectedScoredIds());
            }
        }
    }

    @Test
    void aLateEventTooLargeAsJsonIsDeadLetteredAndTheEventsAfterItAreScored() throws Exception {
        ConsumerRecord<byte[], byte[]> dead = lateEventTooLarge("\u0001".repeat(CONTROL_CHARACTERS), null, false);

        assertThat(header(dead, DeadLetterEncoder.DETAIL)).contains("max.request.size", "1048576");
        assertThat(Integer.parseInt(header(dead, DeadLetterEncoder.ORIGINAL_BYTES)))
                .isGreaterThan(6 * CONTROL_CHARACTERS);
    }

    /**
     * The broker's limit of the late topic, below the producer's: a late record between the two passed the
     * producer's check, the broker refused it and the job failed on it forever.
     */
    @Test
    void aLateRecordOverTheLateTopicsMaxMessageBytesIsDeadLetteredNamingThatLimit() throws Exception {
        assertDeadLetteredNamingTheLateTopicsLimit(lateEventTooLarge("\u0001".repeat(60_000), LATE_TOPIC_LIMIT, false));
    }

    /**
     * The late topic's limit lowered by an operator while the job runs: the broker refuses the late record between
     * the new and the old limit and the job fails. It restarted with the limit it was built with, replayed the record
     * and failed again, without end; the restarted tasks now read the limit again and dead-letter the record. Its
     * merchant id is random letters: the broker's limit applies to the compressed batch, and the job's producer
     * (lz4) would shrink control characters far below it.
     */
    @Test
    void aLateTopicLimitLoweredWhileTheJobRunsCostsOneRestartThenTheRecordIsDeadLettered() throws Exception {
        assertDeadLetteredNamingTheLateTopicsLimit(lateEventTooLarge(randomLetters(600_000), LATE_TOPIC_LIMIT, true));
    }

    private static void assertDeadLetteredNamingTheLateTopicsLimit(ConsumerRecord<byte[], byte[]> dead) {
        assertThat(header(dead, DeadLetterEncoder.DETAIL)).contains("limit of " + LATE_TOPIC_LIMIT + " bytes",
                "max.message.bytes of topic '" + header(dead, OutputSizeLimit.OUTPUT_TOPIC) + "'");
        assertThat(Integer.parseInt(header(dead, DeadLetterEncoder.ORIGINAL_BYTES)))
                .isBetween(LATE_TOPIC_LIMIT, OutputSizeLimit.DEFAULT_MAX_REQUEST_SIZE);
    }

    /**
     * Runs a job on Avro payments, one of them late with {@code merchantId} (its JSON too large), with the late
     * topic's {@code max.message.bytes} set to {@code lateTopicLimit} (unless null) before the job starts or, when
     * {@code whileRunning}, after it was built with the default, and returns the single dead letter, after checking
     * that the job runs on and wrote every other score and late event once.
     */
    private ConsumerRecord<byte[], byte[]> lateEventTooLarge(String merchantId, Integer lateTopicLimit,
                                                             boolean whileRunning) throws Exception {
        PipelineSpec spec = spec("avro");
        SourceSpec source = spec.sources().get(0);
        List<GeneratedRecord> records = GeneratedInput.transactions(inputConfig("avro").malformedShare(0).build(),
                1_000).records();
        int lateAt = records.stream().map(GeneratedRecord::kind).toList().indexOf(RecordKind.TOO_LATE);
        GeneratedRecord late = records.get(lateAt);
        byte[] hugeLate = withMerchantId(source, late.value(), merchantId);
        assertThat(hugeLate.length).isLessThan(source.maxRecordBytes());
        GeneratedInput input = new GeneratedInput(records);

        try (LocalRuntime runtime = LocalRuntime.start(spec, LocalRuntime.Options.defaults())) {
            OutputsSpec outputs = runtime.spec().outputs();
            String bootstrap = runtime.bootstrapServers();
            if (lateTopicLimit != null && !whileRunning) {
                setMaxMessageBytes(bootstrap, outputs.lateTopic(), lateTopicLimit);
            }
            JobClient job = runtime.startJob(List.of());
            // right after a too-late payment of the same key (same partition), so the watermark has passed it as far
            GeneratedInput.produce(bootstrap, source.topic(), records.subList(0, lateAt + 1));
            if (lateTopicLimit != null && whileRunning) {
                // as in a job that has run a while: the restart after the broker's refusal replays from a checkpoint
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> CheckpointLocator.latestComplete(outputs.checkpointDir()).isPresent());
                setMaxMessageBytes(bootstrap, outputs.lateTopic(), lateTopicLimit);
            }
            produceCompressed(bootstrap, late.key(), hugeLate);
            GeneratedInput.produce(bootstrap, source.topic(), records.subList(lateAt + 1, records.size()));
            ConsumerRecord<byte[], byte[]> dead;
            try (TopicReader reader = readOutputs(bootstrap, outputs)) {
                reader.readUntil(Map.of(outputs.scoresTopic(), input.expectedScoredIds().size(),
                        outputs.lateTopic(), input.expectedLateIds().size(), outputs.deadLetterTopic(), 1),
                        Duration.ofSeconds(90));
                reader.readFor(Duration.ofSeconds(2));

                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                assertThat(reader.records(outputs.deadLetterTopic())).hasSize(1);
                dead = reader.records(outputs.deadLetterTopic()).get(0);
                assertThat(header(dead, DeadLetterEncoder.REASON)).isEqualTo("output_too_large");
                assertThat(header(dead, OutputSizeLimit.OUTPUT_TOPIC)).isEqualTo(outputs.lateTopic());
                assertThat(header(dead, DeadLetterEncoder.SOURCE)).isEqualTo("transactions");
                assertThat(new String(dead.value(), StandardCharsets.UTF_8))
                        .startsWith("{\"event_id\":\"huge-late\"");
                assertThat(eventIds(reader.records(outputs.lateTopic())))
                        .containsExactlyInAnyOrderElementsOf(input.expectedLateIds());
                assertThat(eventIds(reader.records(outputs.scoresTopic())))
                        .containsExactlyInAnyOrderElementsOf(input.expectedScoredIds());
            }
            MetricsScraper scraper = new MetricsScraper(runtime.metricsUrl());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(MetricsEndpointITCase.value(scraper.scrape(), "streamscore_outputs_too_large_total",
                            s -> s.label("topic").equals(outputs.lateTopic()))).isEqualTo(1));
            return dead;
        }
    }

    /**
     * What an operator does with {@code kafka-configs.sh --alter --add-config max.message.bytes=...}, then waits
     * until the broker reports it: with KRaft the controller commits the change and the broker applies it to its
     * metadata a moment later, so a job built right after could still read the old limit (a flaky CI run did).
     */
    private static void setMaxMessageBytes(String bootstrap, String topic, int bytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                    new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)),
                            AlterConfigOp.OpType.SET)))).all().get();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(BrokerTopicLimits.describe(admin, List.of(topic), Duration.ofSeconds(10)))
                            .containsEntry(topic, bytes));
        }
    }

    /** The Avro payment {@code avro} as {@code huge-late}, with {@code merchantId}. */
    private static byte[] withMerchantId(SourceSpec source, byte[] avro, String merchantId) throws Exception {
        Event event = source.codec().decode(avro, System.currentTimeMillis());
        event.eventId = "huge-late";
        event.strings[source.schema().require("event_id").slot()] = event.eventId;
        event.strings[source.schema().require("merchant_id").slot()] = merchantId;
        return source.codec().encode(event);
    }

    /** {@code count} letters that no compression shrinks much, the same in every run. */
    private static String randomLetters(int count) {
        Random random = new Random(count);
        StringBuilder letters = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    /** A record gzip-compressed by a producer that allows requests that large. */
    private static void produceCompressed(String bootstrap, String key, byte[] value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * HUGE);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("transactions", key.getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }
}

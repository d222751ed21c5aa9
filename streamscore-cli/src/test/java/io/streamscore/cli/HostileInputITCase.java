package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.HostileRecords;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.event.MalformedRecordException;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.RecordKind;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fuzzing the fraud pipeline's input: hostile records (random bytes, truncated records, oversized ones, NaN and
 * Infinity, wrong types, unknown fields, null and empty keys, event times in seconds or ten years ahead) mixed into
 * valid payments. Every hostile record lands in the dead-letter topic with its reason, every valid payment is scored
 * once and none of them late (a far-future record must not drag the watermark along), the job keeps running, and
 * no hostile key reaches the keyed feature state (no output carries one).
 */
class HostileInputITCase extends PipelineTestBase {
    private static final int VALID = 3_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "avro"})
    void everyHostileRecordIsDeadLetteredWithItsReasonAndTheJobKeepsScoring(String format,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        PipelineSpec spec = fraudSpec(format);
        SourceSpec source = spec.sources().get(0);
        GeneratedInput valid = GeneratedInput.transactions(inputConfig(format).malformedShare(0).build(), VALID);
        List<GeneratedRecord> hostile = HostileRecords.generate(source, templates(source, valid), 25, 11);
        List<GeneratedRecord> all = new ArrayList<>(valid.records().subList(0, VALID / 2));
        all.addAll(hostile);
        all.addAll(valid.records().subList(VALID / 2, VALID));
        GeneratedInput input = new GeneratedInput(all);

        try (LocalRuntime runtime = LocalRuntime.start(spec, new LocalRuntime.Options(dir, 2))) {
            JobClient job = runtime.startJob(List.of());
            OutputsSpec outputs = runtime.spec().outputs();
            input.produce(runtime.bootstrapServers(), source.topic());
            try (TopicReader reader = readOutputs(runtime.bootstrapServers(), outputs)) {
                awaitOutputs(reader, outputs, input, Duration.ofSeconds(120));
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                assertEveryRecordInExactlyOneOutputOnce(reader, outputs, input);
                assertThat(input.malformed()).hasSize(hostile.size()).hasSizeGreaterThan(150);
                assertNoHostileKeyReachedState(reader.records(outputs.scoresTopic()));
                assertNoHostileKeyReachedState(reader.records(outputs.lateTopic()));
            }
        }
    }

    private static void assertNoHostileKeyReachedState(List<ConsumerRecord<byte[], byte[]>> records) {
        assertThat(records).allSatisfy(record ->
                assertThat(json(record).get("key").asText()).doesNotStartWith(HostileRecords.KEY_PREFIX));
    }

    /** The fraud example, in the given format, with a 4 KiB record limit and a 1 s checkpoint interval. */
    private static PipelineSpec fraudSpec(String format) throws Exception {
        String yaml = Files.readString(Path.of("..", "examples", "fraud.yaml"))
                .replace("format: json", "format: " + format)
                .replace("max_record_bytes: 1048576", "max_record_bytes: 4096")
                .replace("checkpoint_interval: 2s", "checkpoint_interval: 1s");
        assertThat(yaml).contains("format: " + format, "max_record_bytes: 4096");
        return SpecLoader.parse(yaml, Path.of("..", "examples"));
    }

    private static List<Event> templates(SourceSpec source, GeneratedInput valid) throws MalformedRecordException {
        EventCodec codec = source.codec();
        List<Event> templates = new ArrayList<>();
        for (GeneratedRecord record : valid.records().subList(0, 50)) {
            if (record.kind() == RecordKind.VALID) {
                templates.add(codec.decode(record.value(), System.currentTimeMillis()));
            }
        }
        return templates;
    }
}

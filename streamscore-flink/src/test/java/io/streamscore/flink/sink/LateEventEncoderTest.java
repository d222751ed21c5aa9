package io.streamscore.flink.sink;

import static io.streamscore.flink.sink.OutputSizeLimitTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.event.JsonEventCodec;
import io.streamscore.flink.ingest.LateEvent;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A late event is written whole as JSON, so its size is the data's: an Avro payment within {@code max_record_bytes}
 * whose merchant id is 300,000 control characters becomes a late record six times larger (&#92;u0001 escapes),
 * past the producer's 1 MiB. It must go to the dead-letter topic, not fail the job.
 */
class LateEventEncoderTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final int CONTROL_CHARACTERS = 300_000;

    @TempDir
    Path dir;

    @Test
    void aLateEventTooLargeAsJsonGoesToTheDeadLetterTopicAndOneWithinTheLimitToTheLateTopic() throws Exception {
        PipelineSpec spec = SpecLoader.parse("""
                name: late-sizes
                sources:
                  payments: {topic: payments, schema: transaction, format: avro, key: user_id, event_time: event_time}
                outputs: {scores_topic: scores, alerts_topic: alerts, late_topic: late, dead_letter_topic: dead}
                """, dir);
        SourceSpec source = spec.sources().get(0);
        EventCodec avro = source.codec();
        Event huge = payment(source, "huge", "\u0001".repeat(CONTROL_CHARACTERS));
        byte[] hugeAvro = avro.encode(huge);

        List<OutputRecord> out = encode(spec, source, List.of(
                new LateEvent(avro.decode(hugeAvro, T0), T0 + 7_200_000, 30_000),
                new LateEvent(payment(source, "small", "m-1"), T0 + 7_200_000, 30_000)));

        assertThat(hugeAvro.length).isBetween(CONTROL_CHARACTERS, source.maxRecordBytes());
        OutputRecord dead = out.get(0);
        assertThat(dead.topic).isEqualTo("dead");
        assertThat(header(dead, DeadLetterEncoder.REASON)).isEqualTo("output_too_large");
        assertThat(header(dead, OutputSizeLimit.OUTPUT_TOPIC)).isEqualTo("late");
        assertThat(header(dead, DeadLetterEncoder.SOURCE)).isEqualTo("payments");
        // every control character is a six-byte escape in the JSON
        assertThat(Integer.parseInt(header(dead, DeadLetterEncoder.ORIGINAL_BYTES)))
                .isGreaterThan(6 * CONTROL_CHARACTERS);
        assertThat(new String(dead.value, StandardCharsets.UTF_8)).startsWith("{\"event_id\":\"huge\"");
        assertThat(dead.value).hasSize(DeadLetterEncoder.TOO_LARGE_PAYLOAD_KEPT);
        assertThat(new String(dead.key, StandardCharsets.UTF_8)).isEqualTo("u-huge");

        OutputRecord late = out.get(1);
        assertThat(late.topic).isEqualTo("late");
        assertThat(late.headers).isNull();
        assertThat(new ObjectMapper().readTree(late.value).get("event").get("merchant_id").asText()).isEqualTo("m-1");
    }

    private static List<OutputRecord> encode(PipelineSpec spec, SourceSpec source, List<LateEvent> late)
            throws Exception {
        LateEventEncoder encoder = new LateEventEncoder("late", new JsonEventCodec(source.schema(), source.binding()),
                OutputLimitSource.of(spec, "late", TopicLimits.NONE));
        // through an operator harness: open() registers the outputs_too_large counter, which needs a task's context
        try (var harness = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(encoder))) {
            harness.open();
            for (LateEvent event : late) {
                harness.processElement(new StreamRecord<>(event));
            }
            return harness.extractOutputValues();
        }
    }

    private static Event payment(SourceSpec source, String id, String merchant) throws Exception {
        String json = """
                {"event_id":"%s","user_id":"u-%s","card_id":"c","merchant_id":"m","merchant_category":"grocery",
                 "amount":12.5,"currency":"EUR","country":"FR","device_id":"d","ip":"ip","event_time":%d}"""
                .formatted(id, id, T0);
        Event event = new JsonEventCodec(source.schema(), source.binding())
                .decode(json.getBytes(StandardCharsets.UTF_8), T0);
        event.strings[source.schema().require("merchant_id").slot()] = merchant;
        return event;
    }
}

package io.streamscore.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRecordSerializerTest {
    private static OutputRecord record(String topic) {
        return new OutputRecord(topic, "u1".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                42L, new String[] {"reason", "bad"});
    }

    @TempDir
    Path dir;

    @Test
    void theOtherOutputsSinkNamesEveryTopicButTheScoresIncludingTheShadowTopic() {
        PipelineSpec spec = SpecLoader.parse("""
                name: fraud
                sources:
                  transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
                outputs: {scores_topic: scores, alerts_topic: alerts, late_topic: late, dead_letter_topic: dead}
                model: {registry: models, name: fraud, threshold: 0.5}
                """, dir);

        List<String> topics = KafkaOutputSink.otherTopics(spec);

        // the scores have a sink of their own; two sinks on one topic could abort each other's transactions
        assertThat(topics).containsExactlyInAnyOrder("alerts", "late", "dead", "scores-shadow");
        assertThat(KafkaOutputSink.otherTopics(spec.withModel(null))).containsExactlyInAnyOrder("alerts", "late",
                "dead");
        assertThat(new OutputRecordSerializer(topics).getKafkaDatasetFacet().orElseThrow()
                .getTopicIdentifier().getTopics()).containsExactlyElementsOf(topics);
    }

    @Test
    void writesARecordToItsOwnTopicWithItsHeaders() {
        ProducerRecord<byte[], byte[]> out = new OutputRecordSerializer(List.of("scores", "dead"))
                .serialize(record("dead"), null, null);

        assertThat(out.topic()).isEqualTo("dead");
        assertThat(out.timestamp()).isEqualTo(42L);
        assertThat(new String(out.headers().lastHeader("reason").value(), StandardCharsets.UTF_8)).isEqualTo("bad");
    }

    @Test
    void refusesATopicTheSinkWasNotToldAbout() {
        assertThatThrownBy(() -> new OutputRecordSerializer(List.of("scores")).serialize(record("other"), null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("other");
    }
}

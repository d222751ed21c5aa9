package io.streamscore.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordWriterTest {
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void eachWriteReturnsExactlyItsOwnDocumentAlthoughOneGeneratorWritesThemAll() {
        JsonRecordWriter writer = new JsonRecordWriter();
        var columns = JsonRecordWriter.names(List.of("a", "b"));

        String first = text(writer.write(json -> {
            json.writeStartObject();
            json.writeStringField("id", "e1");
            JsonRecordWriter.writeFeatures(json, columns, new double[] {1.5, Double.NaN});
            json.writeEndObject();
        }));
        String second = text(writer.write(json -> {
            json.writeStartObject();
            json.writeStringField("id", "e2");
            json.writeEndObject();
        }));

        assertThat(first).isEqualTo("{\"id\":\"e1\",\"features\":{\"a\":1.5,\"b\":null}}");
        assertThat(second).isEqualTo("{\"id\":\"e2\"}");
    }

    @Test
    void aBodyThatFailsHalfwayLeavesNothingInTheNextDocument() {
        JsonRecordWriter writer = new JsonRecordWriter();

        assertThatThrownBy(() -> writer.write(json -> {
            json.writeStartObject();
            json.writeStringField("half", "written");
            throw new IllegalStateException("bug in the body");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bug in the body");
        String next = text(writer.write(json -> {
            json.writeStartObject();
            json.writeNumberField("n", 1);
            json.writeEndObject();
        }));

        assertThat(next).isEqualTo("{\"n\":1}");
    }

    @Test
    void noFeatureColumnsWriteNoFeaturesField() {
        String json = text(new JsonRecordWriter().write(generator -> {
            generator.writeStartObject();
            JsonRecordWriter.writeFeatures(generator, JsonRecordWriter.names(List.of()), null);
            generator.writeEndObject();
        }));

        assertThat(json).isEqualTo("{}");
    }
}

package io.streamscore.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

    @Test
    void numbersReadTheSameAsJacksonsDoubleWriterWritesThem() throws IOException {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 9_999_999.0, -9_999_999.0, 1e7, -1e7,
                1e7 + 1, 123_456_789.0, 1e15, 0x1p53, 0x1p63, -0x1p63, 1e300, 0.5, -2.25, 1e-3, 1e-4,
                3.0000000000000004,
                Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            values.add((double) random.nextLong(-20_000_000, 20_000_000));
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(-5, 12)));
        }
        JsonFactory jackson = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        JsonRecordWriter writer = new JsonRecordWriter();
        for (double value : values) {
            StringWriter expected = new StringWriter();
            try (JsonGenerator json = jackson.createGenerator(expected)) {
                json.writeStartArray();
                json.writeNumber(value);
                json.writeNumber(value);
                json.writeEndArray();
            }
            String written = text(writer.write(json -> {
                json.writeStartArray();
                JsonRecordWriter.writeNullableNumber(json, value);
                JsonRecordWriter.writeNullableNumber(json, value);
                json.writeEndArray();
            }));

            assertThat(written).as("%s", value).isEqualTo(expected.toString());
        }
        assertThat(values.stream().filter(JsonRecordWriter::isPlainWholeNumber).count())
                .as("whole numbers take the short path").isGreaterThan(9_000);
    }
}

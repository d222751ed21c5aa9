package io.streamscore.generate;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Test vocabulary for the generator: taking records, filtering streams, reading JSON values. */
final class GeneratorTestKit {
    static final JsonMapper STRICT_JSON = JsonMapper.builder().build();
    /** Reads the bare NaN token as a number, to see what a NaN-tolerant producer meant. */
    static final JsonMapper LENIENT_JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private GeneratorTestKit() {}

    static List<GeneratedRecord> take(GeneratorConfig config, int count) {
        EventGenerator generator = new EventGenerator(config);
        List<GeneratedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(generator.next());
        }
        return records;
    }

    static List<GeneratedRecord> only(List<GeneratedRecord> records, GeneratedStream stream) {
        return records.stream().filter(r -> r.stream() == stream).collect(Collectors.toList());
    }

    static JsonNode json(GeneratedRecord record) {
        try {
            return STRICT_JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException("record " + record + " is not valid JSON", e);
        }
    }
}

package io.streamscore.features;

import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Test vocabulary for plans: a one-source spec around the sections under test, and Java serialization. */
public final class PlanFixtures {
    private PlanFixtures() {}

    /**
     * A valid spec with one source {@code source} of built-in schema {@code schema} (key user_id), plus
     * {@code sections}: YAML of top-level sections such as {@code features} and {@code alerts}.
     */
    public static PipelineSpec spec(String source, String schema, String sections) {
        return SpecLoader.parse("""
                name: test
                sources:
                  %s:
                    topic: %s
                    schema: %s
                    key: user_id
                    event_time: event_time
                outputs:
                  scores_topic: scores
                  alerts_topic: alerts
                  late_topic: late
                  dead_letter_topic: dead-letters
                """.formatted(source, source, schema) + sections, Path.of(""));
    }

    /** The value after Java serialization and back, as Flink ships operator fields to its tasks. */
    @SuppressWarnings("unchecked")
    public static <T> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

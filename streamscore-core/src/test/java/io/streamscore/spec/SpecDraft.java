package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test vocabulary: a minimal valid spec that a test changes in one place ({@code set}, {@code remove}) before
 * reading the errors, so each test shows only the value it is about.
 */
final class SpecDraft {
    static final String MINIMAL = """
            name: fraud
            sources:
              transactions:
                topic: transactions
                schema: transaction
                key: user_id
                event_time: event_time
            outputs:
              scores_topic: scores
              alerts_topic: alerts
              late_topic: late-events
              dead_letter_topic: dead-letters
            """;

    private static final YAMLMapper YAML = new YAMLMapper();

    private final ObjectNode root;
    private Path baseDir = Path.of("").toAbsolutePath();
    private final Map<String, String> environment = new HashMap<>();

    private SpecDraft(ObjectNode root) {
        this.root = root;
    }

    static SpecDraft minimal() {
        try {
            return new SpecDraft((ObjectNode) YAML.readTree(MINIMAL));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the value at a dotted path, creating maps on the way; values are YAML-ified (lists, maps, numbers). */
    SpecDraft set(String dottedPath, Object value) {
        String[] keys = dottedPath.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = parent.get(keys[i]);
            parent = child instanceof ObjectNode map ? map : parent.putObject(keys[i]);
        }
        parent.set(keys[keys.length - 1], YAML.valueToTree(value));
        return this;
    }

    /** Sets one Kafka client property; its name may contain dots. */
    SpecDraft kafkaProperty(String name, Object value) {
        ObjectNode kafka = root.with("kafka");
        kafka.with("properties").set(name, YAML.valueToTree(value));
        return this;
    }

    SpecDraft remove(String dottedPath) {
        int lastDot = dottedPath.lastIndexOf('.');
        JsonNode parent = lastDot < 0 ? root : root.at("/" + dottedPath.substring(0, lastDot).replace('.', '/'));
        ((ObjectNode) parent).remove(dottedPath.substring(lastDot + 1));
        return this;
    }

    /** Relative paths in the spec resolve against {@code dir}. */
    SpecDraft in(Path dir) {
        this.baseDir = dir;
        return this;
    }

    /** Sets an environment variable as the spec's {@code ${NAME}} references see it (instead of the process's). */
    SpecDraft env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    String yaml() {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<SpecError> errors() {
        return SpecLoader.check(yaml(), baseDir, environment);
    }

    /** The one error this draft has; fails the test when it has none or several. */
    SpecError onlyError() {
        List<SpecError> errors = errors();
        assertThat(errors).as("errors of\n%s", yaml()).hasSize(1);
        return errors.get(0);
    }

    PipelineSpec load() {
        return SpecLoader.parse(yaml(), baseDir, environment);
    }
}

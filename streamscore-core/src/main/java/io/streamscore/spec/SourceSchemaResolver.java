package io.streamscore.spec;

import io.streamscore.event.EventSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Turns a source's {@code schema} value into an {@link EventSchema}: a built-in schema by name, or an Avro
 * {@code .avsc} file relative to the spec's folder (so a spec and its schemas can move together).
 */
final class SourceSchemaResolver {
    private static final String BUILT_IN_NAMES = String.join(", ", new TreeSet<>(EventSchema.BUILT_IN));

    private final Path baseDir;

    SourceSchemaResolver(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** The schema named at {@code node}; {@code null} (with the problem reported) when it cannot be loaded. */
    EventSchema resolve(SpecNode node) {
        String written = node.requiredText("add `schema: <name>` with a built-in schema (" + BUILT_IN_NAMES
                + ") or a path to an .avsc file");
        if (written == null) {
            return null;
        }
        String name = written.trim();
        if (EventSchema.BUILT_IN.contains(name)) {
            return EventSchema.builtIn(name);
        }
        if (!name.endsWith(".avsc")) {
            node.error("'" + written + "' is neither a built-in schema nor an .avsc file",
                    ClosestName.didYouMean(name, new TreeSet<>(EventSchema.BUILT_IN)) + "use a built-in schema ("
                            + BUILT_IN_NAMES + ") or the path of an Avro schema file ending in .avsc, relative to "
                            + "the spec's folder");
            return null;
        }
        return loadFile(node, name);
    }

    private EventSchema loadFile(SpecNode node, String name) {
        Path file = baseDir.resolve(name).toAbsolutePath().normalize();
        String where = "relative paths are resolved against the spec's folder " + baseDir.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            node.error("schema file '" + name + "' does not exist (looked for " + file + ")",
                    "check the path; " + where);
            return null;
        }
        try {
            return EventSchema.fromAvro(new Schema.Parser().parse(file.toFile()));
        } catch (IOException e) {
            node.error("schema file '" + name + "' cannot be read: " + e.getMessage(),
                    "check that " + file + " is readable");
        } catch (AvroRuntimeException e) {
            node.error("schema file '" + name + "' is not a valid Avro schema: " + firstLine(e.getMessage()),
                    "fix the file: it must hold one Avro record schema in JSON, "
                            + "{\"type\": \"record\", \"name\": ..., \"fields\": [...]}");
        } catch (IllegalArgumentException e) {
            node.error("schema file '" + name + "' cannot be used: " + firstLine(e.getMessage()),
                    "change the schema: Streamscore reads records of string, double, float, long, int, boolean, "
                            + "enum and nested record fields, each optionally [\"null\", T]");
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}

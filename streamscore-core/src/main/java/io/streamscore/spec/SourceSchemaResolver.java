package io.streamscore.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamscore.event.EventSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Turns a source's {@code schema} value into an {@link EventSchema}: a built-in schema by name, or an Avro
 * {@code .avsc} file relative to the spec's folder (so a spec and its schemas can move together).
 */
final class SourceSchemaResolver {
    /** Jackson's "[Source: ...; line: L, column: C]" inside a message. */
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");
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
        if (Files.isDirectory(file)) {
            node.error("schema file '" + name + "' is a directory (" + file + ")",
                    "name the .avsc file itself, e.g. `schema: " + name + "/<record>.avsc`");
            return null;
        }
        if (!Files.isRegularFile(file)) {
            node.error("schema file '" + name + "' does not exist (looked for " + file + ")",
                    "check the path; " + where);
            return null;
        }
        String invalid = "fix the file: it must hold one Avro record schema in JSON, "
                + "{\"type\": \"record\", \"name\": ..., \"fields\": [...]}";
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                node.error("schema file '" + name + "' is empty", invalid);
                return null;
            }
            EventSchema schema = EventSchema.fromAvro(new Schema.Parser().parse(text));
            return AvroFieldNames.check(node, name, schema) ? schema : null;
        } catch (IOException e) {
            node.error("schema file '" + name + "' cannot be read: " + e.getMessage(),
                    "check that " + file + " is readable");
        } catch (AvroRuntimeException e) {
            node.error("schema file '" + name + "' is not a valid Avro schema: " + parseProblem(e), invalid);
        } catch (IllegalArgumentException e) {
            node.error("schema file '" + name + "' cannot be used: " + firstLine(e.getMessage()),
                    "change the schema: Streamscore reads records of string, double, float, long, int, boolean, "
                            + "enum and nested record fields, each optionally [\"null\", T]");
        }
        return null;
    }

    /**
     * What the Avro parser found wrong, in the file's terms: the JSON problem and where (Jackson's own source
     * description, which is noise here, is left out), or Avro's first line.
     */
    private static String parseProblem(AvroRuntimeException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            String problem = JACKSON_SOURCE.matcher(json.getOriginalMessage()).replaceAll("line $1, column $2");
            return firstLine(problem) + (at == null || at.getLineNr() < 1 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}

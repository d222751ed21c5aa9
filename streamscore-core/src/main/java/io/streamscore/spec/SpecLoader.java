package io.streamscore.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML pipeline spec and validates every field before anything starts. All problems are collected, not
 * only the first, each as a {@link SpecError} with the dotted path of the bad key, what is wrong with the value
 * written, and what to write instead. A spec that passes cannot fail later on configuration.
 *
 * <p>The YAML is read into a tree and walked by one {@link SectionReader} per section (see
 * {@link PipelineSpecReader}). Duplicate keys are errors: YAML would otherwise silently keep the last one.
 */
public final class SpecLoader {
    /** The path of problems with the spec file as a whole (unreadable, empty, not YAML, not a map). */
    public static final String WHOLE_SPEC = "(file)";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SpecLoader() {}

    /**
     * Loads and validates a spec file; relative paths in it (schemas, checkpoint_dir) resolve against the file's
     * folder.
     *
     * @throws SpecValidationException with every problem found, including an unreadable file
     */
    public static PipelineSpec load(Path file) {
        return orThrow(readFile(file));
    }

    /**
     * Loads and validates spec text; relative paths resolve against {@code baseDir}.
     *
     * @throws SpecValidationException with every problem found
     */
    public static PipelineSpec parse(String yaml, Path baseDir) {
        return orThrow(readText(yaml, baseDir));
    }

    /**
     * Loads and validates spec text, resolving {@code ${NAME}} references from {@code environment} instead of the
     * process's environment variables.
     *
     * @throws SpecValidationException with every problem found
     */
    public static PipelineSpec parse(String yaml, Path baseDir, Map<String, String> environment) {
        return orThrow(readText(yaml, baseDir, SpecSecrets.from(environment)));
    }

    /** Every problem with a spec file, in the order found; empty when the spec is valid. */
    public static List<SpecError> check(Path file) {
        return readFile(file).errors();
    }

    /** Every problem with spec text, resolving {@code ${NAME}} from {@code environment}; empty when valid. */
    public static List<SpecError> check(String yaml, Path baseDir, Map<String, String> environment) {
        return readText(yaml, baseDir, SpecSecrets.from(environment)).errors();
    }

    /** Every problem with spec text, in the order found; empty when the spec is valid. */
    public static List<SpecError> check(String yaml, Path baseDir) {
        return readText(yaml, baseDir).errors();
    }

    private record Reading(PipelineSpec spec, List<SpecError> errors) {}

    private static PipelineSpec orThrow(Reading reading) {
        if (!reading.errors().isEmpty()) {
            throw new SpecValidationException(reading.errors());
        }
        return reading.spec();
    }

    private static Reading readFile(Path file) {
        Path absolute = file.toAbsolutePath();
        String fix = "check the path and that the file is readable";
        try {
            return readText(Files.readString(absolute), absolute.getParent());
        } catch (NoSuchFileException e) {
            return failed("spec file " + absolute + " does not exist", fix);
        } catch (CharacterCodingException e) {
            return failed("spec file " + absolute + " is not UTF-8 text", "save the spec as UTF-8");
        } catch (IOException e) {
            return failed("spec file " + absolute + " cannot be read: " + e, fix);
        }
    }

    private static Reading readText(String yaml, Path baseDir) {
        return readText(yaml, baseDir, SpecSecrets.fromProcessEnvironment());
    }

    private static Reading readText(String yaml, Path baseDir, SpecSecrets secrets) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(baseDir, "baseDir");
        List<SpecError> unreadable = SpecYamlScan.problems(yaml);
        if (!unreadable.isEmpty()) {
            return new Reading(null, unreadable);
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            return failed(describeSyntaxError(e), "fix the YAML there: indent with spaces (not tabs), put a space "
                    + "after each `key:`, write each key once per map, and quote values containing `: ` or `#`");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return failed("the spec is empty", "write at least `name`, `sources` and `outputs`; see "
                    + "examples/fraud.yaml");
        }
        if (!tree.isObject()) {
            return failed("the spec must be a map of sections (name, kafka, sources, outputs, runtime), found "
                    + (tree.isArray() ? "a list" : "the single value '" + tree.asText() + "'"),
                    "write `key: value` lines at the top level, starting with `name: <pipeline name>`");
        }
        SpecProblems problems = new SpecProblems();
        PipelineSpec spec = new PipelineSpecReader(baseDir, secrets).read(SpecNode.root(tree, problems));
        return new Reading(spec, problems.list());
    }

    /** Where and what, preferring SnakeYAML's own problem and mark: Jackson's message leads with the context. */
    private static String describeSyntaxError(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            reason = yaml.getProblem();
            Mark mark = yaml.getProblemMark();
            where = mark == null ? where : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        }
        return "the spec is not valid YAML" + where + ": " + reason.lines().findFirst().orElse("");
    }

    private static Reading failed(String problem, String fix) {
        return new Reading(null, List.of(new SpecError(WHOLE_SPEC, problem, fix)));
    }
}

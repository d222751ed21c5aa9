package io.streamscore.spec;

import io.streamscore.serving.client.RemoteScoringConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code model}: the registered model that scores every event and how its rollout is watched. Absent means
 * the pipeline runs without a model (scores are null). The registry itself is not opened here: validation must
 * work where the registry is not mounted (it may exist only on the cluster) or not made yet ({@code train} creates
 * it), and the job checks the champion when it starts. Only a regular file where the directory belongs is refused.
 */
final class ModelSectionReader implements SectionReader<Optional<ModelSpec>> {
    /** {@code threshold: model}. */
    static final String FROM_MODEL = "model";
    static final List<String> KEYS = List.of("registry", "name", "threshold", "control_topic", "shadow_topic",
            "include_features", "rollback", "remote");
    static final List<String> ROLLBACK_KEYS = List.of("max_psi", "min_events", "max_latency");
    static final double MAX_PSI_LIMIT = 10;
    static final int MAX_MIN_EVENTS = 100_000_000;
    static final Duration MAX_LATENCY_LIMIT = Duration.ofMinutes(1);

    private final Path baseDir;
    private final String scoresTopic;
    private final Map<String, String> usedTopics;
    private final SpecSecrets secrets;

    /**
     * @param baseDir     the spec's folder, against which a relative registry path resolves
     * @param scoresTopic the scores topic as written (may be null), for the default shadow topic
     * @param usedTopics  topics the sources and outputs use, each with the key that uses it
     * @param secrets     resolves {@code ${NAME}} in {@code remote.headers}
     */
    ModelSectionReader(Path baseDir, String scoresTopic, Map<String, String> usedTopics, SpecSecrets secrets) {
        this.baseDir = baseDir;
        this.secrets = secrets;
        this.scoresTopic = scoresTopic == null ? "scores" : scoresTopic;
        this.usedTopics = usedTopics;
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public Optional<ModelSpec> read(SpecNode model) {
        if (!model.hasContent()) {
            return Optional.empty();
        }
        if (!model.expectMap("model settings (registry, name, threshold, ...)")) {
            return null;
        }
        int mark = model.problems().mark();
        model.rejectUnknownKeys(KEYS);
        String registry = readRegistry(model.get("registry"));
        String name = model.get("name").requiredText("add `name: <model name>`, the model's name in the registry, "
                + "e.g. `name: fraud`");
        boolean validName = NameRule.check(model.get("name"), name, "model");
        double threshold = readThreshold(model.get("threshold"));
        String controlTopic = readTopic(model.get("control_topic"),
                ModelSpec.defaultControlTopic(validName ? name : "fraud"));
        String shadowTopic = readTopic(model.get("shadow_topic"), ModelSpec.defaultShadowTopic(scoresTopic));
        if (controlTopic != null && controlTopic.equals(shadowTopic)) {
            model.get("shadow_topic").error("topic '" + shadowTopic + "' is also model.control_topic",
                    "give the shadow scores their own topic, e.g. `" + ModelSpec.defaultShadowTopic(scoresTopic) + "`");
        }
        boolean includeFeatures = model.get("include_features").bool(false);
        ModelSpec.Rollback rollback = readRollback(model.get("rollback"));
        RemoteScoringConfig remote = RemoteSectionReader.read(model.get("remote"), name, secrets, baseDir);
        if (remote != null && Double.isNaN(threshold) && model.get("threshold").isPresent()) {
            model.get("threshold").error("`threshold: model` reads each version's manifest in the registry, and a "
                    + "remote server's versions are not read from it", "give a number, e.g. `threshold: 0.5`");
        }
        if (!model.problems().noneSince(mark)) {
            return null;
        }
        return Optional.of(new ModelSpec(registry, name, threshold, controlTopic, shadowTopic, includeFeatures,
                rollback, remote));
    }

    /** A number in [0, 1], or {@code model}: {@link ModelSpec#THRESHOLD_FROM_MODEL}. */
    private double readThreshold(SpecNode node) {
        if (!node.isPresent()) {
            node.error("required key `threshold` is missing", "add `threshold: <0..1>`: events whose score is at "
                    + "least the threshold get decision true, e.g. `threshold: 0.5`; or `threshold: model` for the "
                    + "threshold each version records (`train` records the holdout's best-F1 threshold)");
            return Double.NaN;
        }
        String text = node.peekText();
        if (FROM_MODEL.equals(text)) {
            return ModelSpec.THRESHOLD_FROM_MODEL;
        }
        if (text != null && !text.isEmpty() && Character.isLetter(text.charAt(0))) {
            node.error("expected a number from 0 to 1 or `model`, found " + node.describe(), "write e.g. "
                    + "`threshold: 0.5`, or `threshold: model` for the threshold each version records");
            return Double.NaN;
        }
        return node.decimal(Double.NaN, 0, 1);
    }

    /** A URI as written, or a path made absolute against the spec's folder. */
    private String readRegistry(SpecNode node) {
        String written = node.requiredText("add `registry: <directory>`, the model registry made by `streamscore "
                + "models register`, e.g. `registry: models` (relative to the spec's folder)");
        if (written == null) {
            return null;
        }
        String fix = "write a directory path (relative to the spec's folder) or a file: URI, e.g. `registry: models`";
        try {
            if (written.trim().isEmpty()) {
                node.error("registry is empty", fix);
                return null;
            }
            String registry = written.contains("://") ? new URI(written.trim()).toString()
                    : baseDir.resolve(written.trim()).toAbsolutePath().normalize().toString();
            return isFile(registry) ? fileNotDirectory(node, written, registry) : registry;
        } catch (URISyntaxException | InvalidPathException e) {
            node.error("'" + written + "' is not a valid path or URI: " + e.getMessage(), fix);
            return null;
        }
    }

    /**
     * Whether a registry that is not opened here (see the class comment) is nonetheless surely wrong: a regular
     * file where a directory belongs. A path that does not exist is fine: {@code train} may create it later.
     */
    private static boolean isFile(String registry) {
        try {
            return Files.isRegularFile(registry.contains("://") ? Path.of(URI.create(registry)) : Path.of(registry));
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return false; // a URI this machine cannot open: left to the job, like a registry not mounted here
        }
    }

    private static String fileNotDirectory(SpecNode node, String written, String registry) {
        node.error("registry '" + written + "' is a file (" + registry + "), not a directory",
                "write the registry's directory, the one `streamscore train --registry` or `streamscore models "
                        + "register` writes to, e.g. `registry: models` (relative to the spec's folder)");
        return null;
    }

    private String readTopic(SpecNode node, String defaultTopic) {
        String topic = node.isPresent() ? KafkaTopicRule.readRequired(node, defaultTopic) : defaultTopic;
        if (topic != null && usedTopics.containsKey(topic)) {
            node.error("topic '" + topic + "' is also " + usedTopics.get(topic)
                            + "; model records need their own topic",
                    "set `" + node.key() + ":` to a topic no source reads and no output uses"
                            + (node.isPresent() ? "" : " (the default " + defaultTopic + " is taken)"));
            return null;
        }
        return topic;
    }

    private ModelSpec.Rollback readRollback(SpecNode rollback) {
        if (!rollback.isPresent()) {
            return ModelSpec.Rollback.DEFAULTS;
        }
        if (!rollback.expectMap("canary rollback limits (max_psi, min_events, max_latency)")) {
            return null;
        }
        rollback.rejectUnknownKeys(ROLLBACK_KEYS);
        SpecNode psi = rollback.get("max_psi");
        double maxPsi = psi.decimal(ModelSpec.Rollback.DEFAULT_MAX_PSI, 0, MAX_PSI_LIMIT);
        if (maxPsi <= 0) {
            psi.error("max_psi must be above 0", "write a positive PSI, e.g. `max_psi: 0.25` (above 0.25 is "
                    + "usually read as a significant shift)");
        }
        int minEvents = rollback.get("min_events").integer((int) ModelSpec.Rollback.DEFAULT_MIN_EVENTS, 1,
                MAX_MIN_EVENTS);
        Duration maxLatency = rollback.get("max_latency").duration(ModelSpec.Rollback.DEFAULT_MAX_LATENCY,
                Duration.ofMillis(1), MAX_LATENCY_LIMIT, "");
        return maxPsi > 0 ? new ModelSpec.Rollback(maxPsi, minEvents, maxLatency) : null;
    }
}

package io.streamscore.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the top level of a spec (a map) into a {@link PipelineSpec}: the pipeline's name, then each section with
 * its own {@link SectionReader}. Every section is read even when an earlier one failed, so one run reports every
 * problem; the spec is built only when there was none.
 *
 * <p>To add a section: write its {@code SectionReader}, read it in {@link #read} next to the others, and add its
 * name to the top-level keys.
 */
final class PipelineSpecReader {
    private final Path baseDir;
    private final SpecSecrets secrets;

    /**
     * @param baseDir the spec's folder, against which relative paths in the spec resolve
     * @param secrets where {@code ${NAME}} references in the spec are resolved
     */
    PipelineSpecReader(Path baseDir, SpecSecrets secrets) {
        this.baseDir = baseDir;
        this.secrets = secrets;
    }

    /** The spec at {@code root}, a map; {@code null} when any problem was reported. */
    PipelineSpec read(SpecNode root) {
        int mark = root.problems().mark();
        String name = readName(root.get("name"));
        var kafkaReader = new KafkaSectionReader(secrets);
        var sourcesReader = new SourceSectionReader(baseDir);
        // With a bad name the spec is not built; the outputs' examples still get a usable name.
        String nameForExamples = name != null ? name : NameRule.suggest(
                Objects.requireNonNullElse(root.get("name").peekText(), "pipeline"));
        var outputsReader = new OutputsSectionReader(nameForExamples,
                SourceSectionReader.sourceByTopic(root.get(sourcesReader.section())), baseDir);
        var runtimeReader = new RuntimeSectionReader();

        List<String> topLevelKeys = new ArrayList<>(List.of("name", kafkaReader.section(), sourcesReader.section(),
                outputsReader.section(), runtimeReader.section(), "features", "alerts", "stores", "model", "joins",
                "monitoring"));
        root.rejectUnknownKeys(topLevelKeys);

        var kafka = readSection(kafkaReader, root);
        var sources = readSection(sourcesReader, root);
        var outputs = readSection(outputsReader, root);
        var runtime = readSection(runtimeReader, root);
        // Features and alerts compile expressions against the sources' schemas, so they are read after them.
        var features = readSection(new FeaturesSectionReader(sources), root);
        var alerts = readSection(new AlertsSectionReader(sources, features, root.get("model").isPresent()), root);
        // The feature store can hold joined columns, so joins are read before stores.
        var joins = readSection(new JoinsSectionReader(sources, features), root);
        var stores = readSection(new StoresSectionReader(nameForExamples, sources, features, joins, secrets, baseDir),
                root);
        var model = readSection(new ModelSectionReader(baseDir, root.get("outputs").get("scores_topic").peekText(),
                usedTopics(root), secrets), root);
        var monitoring = readSection(new MonitoringSectionReader(), root);
        if (monitoring != null && monitoring.drift().enabled() && model != null && model.isEmpty()) {
            root.get("monitoring").get("drift").error("drift is measured against the baselines in the model's "
                    + "manifest, and this pipeline has no model", "add a `model` section, or set `enabled: false`");
        }
        if (!root.problems().noneSince(mark)) {
            return null;
        }
        return new PipelineSpec(name, kafka, sources, outputs, runtime, features, alerts, stores, model, joins,
                monitoring);
    }

    /** The topics sources and outputs use, as written, each with the key that uses it (for the model's topics). */
    private static Map<String, String> usedTopics(SpecNode root) {
        Map<String, String> used = new LinkedHashMap<>();
        SourceSectionReader.sourceByTopic(root.get("sources"))
                .forEach((topic, source) -> used.put(topic, "read by source '" + source + "'"));
        root.get("outputs").entries().forEach((key, node) -> {
            String topic = node.peekText();
            if (key.endsWith("_topic") && topic != null) {
                used.putIfAbsent(topic, "outputs." + key);
            }
        });
        return used;
    }

    private static <T> T readSection(SectionReader<T> reader, SpecNode root) {
        return reader.read(root.get(reader.section()));
    }

    private static String readName(SpecNode node) {
        String name = node.requiredText("add `name: <pipeline name>` at the top, e.g. `name: fraud`; it names the "
                + "pipeline's Kafka transactional ids and state paths");
        return NameRule.check(node, name, "pipeline") ? name : null;
    }
}

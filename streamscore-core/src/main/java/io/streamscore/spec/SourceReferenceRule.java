package io.streamscore.spec;

import java.util.List;

/**
 * The {@code source} of a feature or alert: a source of this pipeline, by name; the only source when there is one
 * and the key is left out.
 */
final class SourceReferenceRule {
    private SourceReferenceRule() {}

    /**
     * The source named at {@code node}; {@code null} when it is not one of {@code sources} (reported) or when
     * {@code sources} is null because the sources section has problems of its own (not reported again).
     */
    static SourceSpec read(SpecNode node, List<SourceSpec> sources, String what) {
        if (sources == null) {
            return null;
        }
        List<String> names = sources.stream().map(SourceSpec::name).toList();
        if (!node.isPresent()) {
            if (sources.size() == 1) {
                return sources.get(0);
            }
            node.error("required key `source` is missing: the pipeline has " + sources.size() + " sources",
                    "add `source: <name>` saying which source's events this " + what + " is for, one of: "
                            + String.join(", ", names));
            return null;
        }
        String written = node.text();
        if (written == null) {
            return null;
        }
        for (SourceSpec source : sources) {
            if (source.name().equals(written.trim())) {
                return source;
            }
        }
        node.error("'" + written + "' is not a source of this pipeline", ClosestName.didYouMean(written.trim(), names)
                + "use one of the sources: " + String.join(", ", names));
        return null;
    }
}

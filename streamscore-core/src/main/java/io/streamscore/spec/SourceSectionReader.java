package io.streamscore.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code sources}: a map from source name to source, at least one. */
final class SourceSectionReader implements SectionReader<List<SourceSpec>> {
    private final SourceReader sourceReader;

    SourceSectionReader(Path baseDir) {
        this.sourceReader = new SourceReader(new SourceSchemaResolver(baseDir));
    }

    @Override
    public String section() {
        return "sources";
    }

    @Override
    public List<SourceSpec> read(SpecNode sources) {
        String example = "e.g. `sources:` then `  transactions:` then `    topic: transactions` ...";
        if (!sources.isPresent()) {
            sources.error("required section `sources` is missing", "add a map of source name to source, " + example);
            return null;
        }
        if (!sources.expectMap("source name to source")) {
            return null;
        }
        if (sources.entries().isEmpty()) {
            sources.error("`sources` has no source", "add at least one source, " + example);
            return null;
        }
        int mark = sources.problems().mark();
        List<SourceSpec> specs = new ArrayList<>();
        for (SpecNode source : sources.entries().values()) {
            NameRule.check(source, source.key(), "source");
            specs.add(sourceReader.read(source));
        }
        return sources.problems().noneSince(mark) ? specs : null;
    }

    /**
     * The topics the sources name, each with its source's name, as far as they can be read: used to keep outputs
     * off input topics even when some source has other problems. Reports nothing.
     */
    static Map<String, String> sourceByTopic(SpecNode sources) {
        Map<String, String> sourceByTopic = new LinkedHashMap<>();
        for (SpecNode source : sources.entries().values()) {
            String topic = source.get("topic").peekText();
            if (topic != null) {
                sourceByTopic.putIfAbsent(topic, source.key());
            }
        }
        return sourceByTopic;
    }
}

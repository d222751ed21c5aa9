package io.streamscore.spec;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code joins}: which source's events are enriched ({@code source}), how long one may wait
 * ({@code max_wait}), and the click stream ({@code clicks}) and CDC profile table ({@code profiles}) joined to it,
 * at least one of them. Every column name must be new: not a feature column and not a field of the enriched
 * source, so that expressions and outputs name each column once.
 */
final class JoinsSectionReader implements SectionReader<JoinsSpec> {
    static final List<String> KEYS = List.of("source", "max_wait", "clicks", "profiles");
    static final Duration MIN_MAX_WAIT = Duration.ofMillis(100);
    static final Duration MAX_MAX_WAIT = Duration.ofMinutes(10);

    private final List<SourceSpec> sources;
    private final FeaturesSpec features;
    /** While {@link #read} runs: the enriched source and the sources joined so far, none of which may be joined. */
    private String enrichedName;
    private final Set<String> joinedNames = new HashSet<>();

    /** @param sources null when they have problems; @param features null when they have problems */
    JoinsSectionReader(List<SourceSpec> sources, FeaturesSpec features) {
        this.sources = sources;
        this.features = features;
    }

    @Override
    public String section() {
        return "joins";
    }

    @Override
    public JoinsSpec read(SpecNode section) {
        if (!section.hasContent()) {
            return JoinsSpec.NONE;
        }
        if (!section.expectMap("join settings (source, max_wait, clicks, profiles)")) {
            return null;
        }
        int mark = section.problems().mark();
        section.rejectUnknownKeys(KEYS);
        SourceSpec enriched = requiredSource(section.get("source"), "the source whose events are enriched, e.g. "
                + "`source: transactions`");
        enrichedName = enriched == null ? null : enriched.name();
        Duration maxWait = section.get("max_wait").duration(JoinsSpec.DEFAULT_MAX_WAIT, MIN_MAX_WAIT, MAX_MAX_WAIT,
                "");
        Set<String> names = new HashSet<>();
        if (features != null) {
            features.windowed().forEach(f -> names.addAll(f.columns()));
            features.derived().forEach(f -> names.add(f.name()));
        }
        JoinColumnNames columnNames = new JoinColumnNames(names, enriched);
        ClickJoinSpec clicks = section.get("clicks").isPresent()
                ? new ClickJoinReader(this, columnNames).read(section.get("clicks")) : null;
        ProfileJoinSpec profiles = section.get("profiles").isPresent()
                ? new ProfileJoinReader(this, columnNames).read(section.get("profiles")) : null;
        if (!section.get("clicks").isPresent() && !section.get("profiles").isPresent()) {
            section.error("`joins` joins nothing", "add `clicks:` (a click stream per user) and/or `profiles:` (a "
                    + "CDC table of user profiles); see docs/spec.md");
        }
        if (!section.problems().noneSince(mark) || enriched == null) {
            return null;
        }
        return new JoinsSpec(enriched.name(), maxWait, clicks, profiles);
    }

    /**
     * The source named at {@code node}: required, a source of the pipeline, and neither the enriched one nor one
     * already joined (a join consumes the events of the sources it joins, so a source is either enriched or joined,
     * and joined once).
     */
    SourceSpec requiredSource(SpecNode node, String what) {
        if (sources == null) {
            return null;
        }
        if (!node.isPresent()) {
            node.error("required key `source` is missing", "add `source: <name>`: " + what);
            return null;
        }
        SourceSpec source = SourceReferenceRule.read(node, sources, "join");
        if (source != null && (source.name().equals(enrichedName) || !joinedNames.add(source.name()))) {
            node.error("source `" + source.name() + "` is " + (source.name().equals(enrichedName)
                    ? "the one the join enriches" : "joined already"), "name another source here: " + what);
            return null;
        }
        return source;
    }

    /**
     * Checks an optional {@code key}: the join matches events by each source's key, so it may only repeat it.
     */
    static void checkKey(SpecNode key, SourceSpec source) {
        String written = key.text();
        if (written != null && source != null && !written.trim().equals(source.keyField())) {
            key.error("the join matches on the source's key `" + source.keyField() + "`, not '" + written + "'",
                    "remove `key`, or set `sources." + source.name() + ".key: " + written.trim() + "` so that the "
                            + "source is keyed by it");
        }
    }

    /** Column names of one join section: new names only, checked across clicks and profiles. */
    static final class JoinColumnNames {
        private final Set<String> taken;
        private final SourceSpec enriched;

        JoinColumnNames(Set<String> taken, SourceSpec enriched) {
            this.taken = taken;
            this.enriched = enriched;
        }

        String read(SpecNode node, String example) {
            String name = FeatureNameRule.read(node, "join column", example);
            if (name == null) {
                return null;
            }
            boolean isField = enriched != null && enriched.schema().fields().stream()
                    .anyMatch(f -> f.name().replace('.', '_').equals(name));
            if (isField) {
                node.error("'" + name + "' is a field of source `" + enriched.name() + "`",
                        "choose another name, e.g. `" + "joined_" + name + "`");
                return null;
            }
            if (!taken.add(name)) {
                node.error("column name `" + name + "` is already used by a feature or another join column",
                        "give each feature and join column its own name");
                return null;
            }
            return name;
        }
    }
}

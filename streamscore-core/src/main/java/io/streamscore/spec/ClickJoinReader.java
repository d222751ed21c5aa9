package io.streamscore.spec;

import io.streamscore.event.FieldType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reads {@code joins.clicks}: the click source and its features, each a measure over a window. */
final class ClickJoinReader {
    static final List<String> KEYS = List.of("source", "key", "features");
    static final List<String> FEATURE_KEYS = List.of("name", "measure", "window");
    static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    static final Duration MAX_WINDOW = Duration.ofDays(1);
    private static final String MEASURES = Arrays.stream(ClickMeasure.values()).map(ClickMeasure::specName)
            .collect(Collectors.joining(", "));
    private static final String EXAMPLE = "`- name: clicks_10m` then `  measure: clicks`, `  window: 10m`";

    private final JoinsSectionReader joins;
    private final JoinsSectionReader.JoinColumnNames names;

    ClickJoinReader(JoinsSectionReader joins, JoinsSectionReader.JoinColumnNames names) {
        this.joins = joins;
        this.names = names;
    }

    ClickJoinSpec read(SpecNode clicks) {
        if (!clicks.expectMap("click join settings (source, key, features)")) {
            return null;
        }
        int mark = clicks.problems().mark();
        clicks.rejectUnknownKeys(KEYS);
        SourceSpec source = joins.requiredSource(clicks.get("source"), "the click stream, e.g. `source: clicks`");
        JoinsSectionReader.checkKey(clicks.get("key"), source);
        SpecNode list = clicks.get("features");
        List<ClickFeatureSpec> features = new ArrayList<>();
        if (!list.isPresent() || (list.isList() && list.elements().isEmpty())) {
            list.error("the click join has no features", "add `features:` with at least one item, e.g. " + EXAMPLE);
        } else if (list.expectList("click features", EXAMPLE)) {
            for (SpecNode entry : list.elements()) {
                features.add(readFeature(entry, source));
            }
        }
        if (!clicks.problems().noneSince(mark) || source == null) {
            return null;
        }
        return new ClickJoinSpec(source.name(), features);
    }

    private ClickFeatureSpec readFeature(SpecNode entry, SourceSpec source) {
        if (!entry.expectMap("click feature settings (name, measure, window)")) {
            return null;
        }
        entry.rejectUnknownKeys(FEATURE_KEYS);
        String name = names.read(entry.get("name"), "clicks_10m");
        SpecNode measureNode = entry.get("measure");
        ClickMeasure measure = measureNode.isPresent() ? measureNode.choice(ClickMeasure.class, null) : null;
        if (!measureNode.isPresent()) {
            measureNode.error("required key `measure` is missing", "add `measure: <what>`, one of: " + MEASURES);
        }
        Duration window = entry.get("window").duration(ClickFeatureSpec.DEFAULT_WINDOW, MIN_WINDOW, MAX_WINDOW,
                "clicks are kept in state that long");
        if (measure != null && source != null && measure.requiredField() != null) {
            String field = measure.requiredField();
            boolean usable = source.schema().field(field).filter(f -> f.type() == FieldType.STRING).isPresent();
            if (!usable) {
                measureNode.error("measure " + measure.specName() + " reads the text field `" + field
                        + "`, which schema '" + source.schema().name() + "' of source `" + source.name()
                        + "` does not have", "use the built-in `click` schema, or add a string field `" + field
                        + "` to the click source's schema");
                return null;
            }
        }
        return name == null || measure == null || window == null ? null
                : new ClickFeatureSpec(name, measure, window);
    }
}

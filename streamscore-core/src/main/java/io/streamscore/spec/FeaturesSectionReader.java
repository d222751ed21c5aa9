package io.streamscore.spec;

import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import io.streamscore.expression.ExpressionScope;
import io.streamscore.expression.ExpressionType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code features}: a list of windowed features ({@code aggregation} over a {@code window}) and derived ones
 * ({@code expression}), in the order written. A derived expression sees its source's fields and the features of
 * that source declared before it; every feature column name is unique and differs from its source's fields, so an
 * expression's names are never ambiguous. Expressions are compiled here, so their errors surface at load time.
 */
final class FeaturesSectionReader implements SectionReader<FeaturesSpec> {
    static final List<String> DERIVED_KEYS = List.of("name", "source", "expression");
    private static final String EXAMPLE = "`- name: user_spend_5m` then `  aggregation: sum`, `  field: amount`, "
            + "`  window: 5m`";

    private final List<SourceSpec> sources;

    /** @param sources the pipeline's sources; {@code null} when they have problems (then fields are not checked) */
    FeaturesSectionReader(List<SourceSpec> sources) {
        this.sources = sources;
    }

    @Override
    public String section() {
        return "features";
    }

    @Override
    public FeaturesSpec read(SpecNode section) {
        if (!section.isPresent()) {
            return FeaturesSpec.NONE;
        }
        if (!section.expectList("features", EXAMPLE)) {
            return null;
        }
        int mark = section.problems().mark();
        List<SpecNode> entries = section.elements();
        FeatureColumnIndex columns = FeatureColumnIndex.prescan(entries);
        List<FeatureSpec> windowed = new ArrayList<>();
        List<DerivedFeatureSpec> derived = new ArrayList<>();
        for (int position = 0; position < entries.size(); position++) {
            SpecNode entry = entries.get(position);
            if (!entry.expectMap("feature settings (name, aggregation, field, window, ... or name, expression)")) {
                if (!entry.isPresent()) {
                    entry.error("feature is empty", "write a feature, e.g. " + EXAMPLE);
                }
                continue;
            }
            if (entry.get("expression").isPresent()) {
                readDerived(entry, position, columns, derived);
            } else {
                readWindowed(entry, position, columns, windowed);
            }
        }
        return section.problems().noneSince(mark) ? new FeaturesSpec(windowed, derived) : null;
    }

    private void readWindowed(SpecNode entry, int position, FeatureColumnIndex columns, List<FeatureSpec> windowed) {
        List<String> keys = new ArrayList<>(List.of("name", "source"));
        keys.addAll(WindowedFeatureReader.KEYS);
        entry.rejectUnknownKeys(keys);
        String name = FeatureNameRule.read(entry.get("name"), "feature", "user_spend_5m");
        SourceSpec source = SourceReferenceRule.read(entry.get("source"), sources, "feature");
        FeatureSpec feature = WindowedFeatureReader.read(entry, name, source);
        if (feature == null) {
            declareBroken(entry, position, source, columns);
        } else if (declare(entry, feature.columns(), source, columns)) {
            windowed.add(feature);
        }
    }

    private void readDerived(SpecNode entry, int position, FeatureColumnIndex columns,
                             List<DerivedFeatureSpec> derived) {
        for (SpecNode key : entry.entries().values()) {
            if (WindowedFeatureReader.KEYS.contains(key.key())) {
                key.error("`" + key.key() + "` does not apply to a derived feature (one with `expression`)",
                        "remove `" + key.key() + "`, or remove `expression` to make this a windowed feature");
            }
        }
        List<String> known = new ArrayList<>(DERIVED_KEYS);
        known.addAll(WindowedFeatureReader.KEYS);
        entry.rejectUnknownKeys(known);
        int mark = entry.problems().mark();
        String name = FeatureNameRule.read(entry.get("name"), "feature", "amount_vs_user_avg");
        SourceSpec source = SourceReferenceRule.read(entry.get("source"), sources, "feature");
        String expression = entry.get("expression").text();
        if (expression == null || source == null) {
            declareBroken(entry, position, source, columns);
            return;
        }
        ExpressionScope scope = ExpressionScope.of(source.schema()).withColumns(columns.visibleTo(source.name()));
        ExpressionRule.check(entry.get("expression"), expression, ExpressionType.NUMBER, scope,
                columns.hiddenFrom(source.name(), "feature", position));
        if (name == null || !entry.problems().noneSince(mark)) {
            declareBroken(entry, position, source, columns);
        } else if (declare(entry, List.of(name), source, columns)) {
            derived.add(new DerivedFeatureSpec(name, source.name(), expression));
        }
    }

    /**
     * Declares the columns of a feature whose definition has a problem (already reported), so that the expressions
     * using it report only their own mistakes, not a false "unknown name" for each use. Its name as written and, when
     * that is invalid, the name the error suggests are both declared: a later use may be spelled either way. With
     * no usable source it is declared for every source, as it cannot be told which one it belongs to.
     */
    private static void declareBroken(SpecNode entry, int position, SourceSpec source, FeatureColumnIndex columns) {
        List<String> written = new ArrayList<>(columns.writtenAt(position));
        String suggested = FeatureNameRule.suggestion(entry.get("name").peekText());
        if (suggested != null && !written.contains(suggested)) {
            written.add(suggested);
        }
        written.removeIf(column -> columns.find(column) != null
                || source != null && fieldNamed(source.schema(), column) != null);
        columns.declare(written, source == null ? null : source.name(), entry.path());
    }

    /** Declares a feature's columns unless one is taken or is a field of its source; reports which. */
    private static boolean declare(SpecNode entry, List<String> featureColumns, SourceSpec source,
                                   FeatureColumnIndex columns) {
        SpecNode name = entry.get("name");
        for (String column : featureColumns) {
            FeatureColumnIndex.Declared taken = columns.find(column);
            if (taken != null) {
                name.error("feature column `" + column + "` is already defined at " + taken.path(),
                        "give each feature its own name");
                return false;
            }
            String field = fieldNamed(source.schema(), column);
            if (field != null) {
                name.error("`" + column + "` is a field of source `" + source.name() + "` (" + field
                        + "); an expression could not tell the feature from the field",
                        "rename the feature, e.g. `" + column + "_5m`: say what it aggregates and over which window");
                return false;
            }
        }
        columns.declare(featureColumns, source.name(), entry.path());
        return true;
    }

    /** The schema field an expression would know as {@code identifier}, or null. */
    private static String fieldNamed(EventSchema schema, String identifier) {
        return schema.fields().stream().map(EventField::name)
                .filter(field -> ExpressionScope.identifierOf(field).equals(identifier)).findFirst().orElse(null);
    }
}

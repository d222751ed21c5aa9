package io.streamscore.spec;

import io.streamscore.expression.ExpressionScope;
import io.streamscore.expression.ExpressionType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code alerts}: a list of rules, each a condition over one source's fields, its feature columns and, when the
 * pipeline has a model, the model's score ({@code score}), with a cooldown per key. Rules run after every feature,
 * so a condition may use any feature of its source; a rule that uses the score runs after scoring.
 */
final class AlertsSectionReader implements SectionReader<List<AlertSpec>> {
    static final List<String> KEYS = List.of("name", "source", "when", "cooldown");
    private static final String EXAMPLE = "`- name: bot_suspect` then `  when: 'clicks_1m > 50'`";

    private final List<SourceSpec> sources;
    private final FeaturesSpec features;
    private final boolean hasModel;

    /**
     * @param sources  the pipeline's sources; {@code null} when they have problems (conditions are not checked)
     * @param features the features section; {@code null} when it has problems (conditions are not checked)
     * @param hasModel whether the spec has a {@code model} section, whose score conditions may then use
     */
    AlertsSectionReader(List<SourceSpec> sources, FeaturesSpec features, boolean hasModel) {
        this.sources = sources;
        this.features = features;
        this.hasModel = hasModel;
    }

    @Override
    public String section() {
        return "alerts";
    }

    @Override
    public List<AlertSpec> read(SpecNode section) {
        if (!section.isPresent()) {
            return List.of();
        }
        if (!section.expectList("alert rules", EXAMPLE)) {
            return null;
        }
        int mark = section.problems().mark();
        List<AlertSpec> alerts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SpecNode entry : section.elements()) {
            AlertSpec alert = readAlert(entry);
            if (alert != null && !names.add(alert.name())) {
                entry.get("name").error("alert name `" + alert.name() + "` is used twice",
                        "give each alert rule its own name");
            }
            alerts.add(alert);
        }
        return section.problems().noneSince(mark) ? alerts : null;
    }

    private AlertSpec readAlert(SpecNode entry) {
        if (!entry.expectMap("alert settings (name, when, cooldown, source)")) {
            if (!entry.isPresent()) {
                entry.error("alert rule is empty", "write a rule, e.g. " + EXAMPLE);
            }
            return null;
        }
        int mark = entry.problems().mark();
        entry.rejectUnknownKeys(KEYS);
        String name = FeatureNameRule.read(entry.get("name"), "alert", "bot_suspect");
        if (AlertSpec.DRIFT_RULE.equals(name)) {
            entry.get("name").error("`" + name + "` is the rule name of the drift monitor's alerts, on the same "
                    + "topic", "choose another name, e.g. `" + name + "_rule`");
        }
        SourceSpec source = SourceReferenceRule.read(entry.get("source"), sources, "alert rule");
        String when = entry.get("when").requiredText("add `when: '<condition>'`, e.g. `when: 'clicks_1m > 50'`: "
                + "a condition over the event's fields and its source's features");
        if (when != null && source != null && features != null) {
            FeatureColumnIndex columns = FeatureColumnIndex.of(features);
            List<String> visible = columns.visibleTo(source.name());
            ExpressionScope scope = ExpressionScope.of(source.schema()).withColumns(visible);
            Map<String, ExpressionRule.HiddenName> hidden =
                    new HashMap<>(columns.hiddenFrom(source.name(), "alert rule", Integer.MAX_VALUE));
            if (hasModel) {
                scope = scope.withColumn(AlertSpec.SCORE, visible.size());
            } else {
                hidden.putIfAbsent(AlertSpec.SCORE, new ExpressionRule.HiddenName("is the model's score, and this "
                        + "pipeline has no `model` section", "add a `model` section, or leave `score` out of the "
                        + "condition"));
            }
            ExpressionRule.check(entry.get("when"), when, ExpressionType.CONDITION, scope, hidden);
        }
        Duration cooldown = entry.get("cooldown").duration(AlertSpec.DEFAULT_COOLDOWN, Duration.ZERO,
                AlertSpec.MAX_COOLDOWN, "");
        if (!entry.problems().noneSince(mark) || source == null) {
            return null;
        }
        return new AlertSpec(name, source.name(), when, cooldown);
    }
}

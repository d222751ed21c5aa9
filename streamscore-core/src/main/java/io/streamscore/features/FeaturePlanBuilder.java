package io.streamscore.features;

import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import io.streamscore.expression.ExpressionScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a {@link FeaturePlan} in code, for jobs that embed Streamscore's feature operators instead of running a
 * spec (the spec's {@link FeaturePlanCompiler} uses it too, so both get the same layout):
 * <pre>{@code
 * FeaturePlan plan = new FeaturePlanBuilder()
 *     .source("transactions", EventSchema.builtIn("transaction"))
 *     .windowed("transactions", List.of("user_id"), spend5m, avgAmount30d)
 *     .windowed("transactions", List.of("card_id"), cardCount10m)
 *     .derived("amount_vs_user_avg", "amount / max(user_avg_amount_30d, 1.0)")
 *     .build();
 * }</pre>
 * Windowed features are grouped by (source, key fields) in order of first appearance, one {@link FeatureGroup} each,
 * their columns consecutive; derived features follow, one column each, in the order added. A derived expression
 * sees its source's fields and every column before its own.
 */
public final class FeaturePlanBuilder {
    private final Map<String, EventSchema> schemas = new LinkedHashMap<>();
    private final Map<List<String>, List<FeatureDefinition>> groups = new LinkedHashMap<>();
    private final List<Function<List<String>, DerivedFeature>> derived = new ArrayList<>();

    /** Declares a source and the schema of its events; windowed and derived features name it. */
    public FeaturePlanBuilder source(String name, EventSchema schema) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        if (schemas.putIfAbsent(name, schema) != null) {
            throw new IllegalArgumentException("source " + name + " is declared twice");
        }
        return this;
    }

    /** Windowed features of {@code source} keyed by the values of {@code key} (one field or several). */
    public FeaturePlanBuilder windowed(String source, List<String> key, FeatureDefinition... features) {
        EventSchema schema = schema(source);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("windowed features of " + source + " need at least one key field");
        }
        key.forEach(schema::require);
        for (FeatureDefinition feature : features) {
            if (feature.field() != null && !schema.fields().contains(feature.field())) {
                throw new IllegalArgumentException("feature " + feature.name() + " reads field " + feature.field()
                        + ", which is not a field of source " + source + "'s schema " + schema.name());
            }
        }
        List<String> groupKey = new ArrayList<>(key.size() + 1);
        groupKey.add(source);
        groupKey.addAll(key);
        groups.computeIfAbsent(List.copyOf(groupKey), k -> new ArrayList<>()).addAll(List.of(features));
        return this;
    }

    /** A derived feature of {@code source}: a numeric expression over its fields and the columns before it. */
    public FeaturePlanBuilder derived(String source, String name, String expression) {
        EventSchema schema = schema(source);
        derived.add(columns -> ExpressionDerivedFeature.of(name, source, expression,
                ExpressionScope.of(schema).withColumns(columns)));
        return this;
    }

    /** A derived feature of the only source declared. */
    public FeaturePlanBuilder derived(String name, String expression) {
        if (schemas.size() != 1) {
            throw new IllegalStateException("derived feature " + name + " needs a source: " + schemas.size()
                    + " sources are declared; use derived(source, name, expression)");
        }
        return derived(schemas.keySet().iterator().next(), name, expression);
    }

    /** A derived feature implemented in Java; its column follows the ones added before it. */
    public FeaturePlanBuilder derived(DerivedFeature feature) {
        Objects.requireNonNull(feature, "feature");
        derived.add(columns -> feature);
        return this;
    }

    /**
     * The plan; expressions are compiled here.
     *
     * @throws IllegalArgumentException when two columns share a name
     * @throws io.streamscore.expression.ExpressionException when a derived expression does not compile
     */
    public FeaturePlan build() {
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<FeatureGroup> built = new ArrayList<>();
        for (Map.Entry<List<String>, List<FeatureDefinition>> group : groups.entrySet()) {
            String source = group.getKey().get(0);
            EventSchema schema = schemas.get(source);
            List<EventField> keyFields = group.getKey().subList(1, group.getKey().size()).stream()
                    .map(schema::require).toList();
            List<String> groupColumns = group.getValue().stream().flatMap(f -> f.columns().stream()).toList();
            built.add(new FeatureGroup(source, keyFields, FeatureSet.of(group.getValue()), columns.size(),
                    groupColumns));
            groupColumns.forEach(column -> addColumn(column, columns, seen));
        }
        List<DerivedFeature> derivedFeatures = new ArrayList<>();
        for (Function<List<String>, DerivedFeature> draft : derived) {
            DerivedFeature feature = draft.apply(List.copyOf(columns));
            derivedFeatures.add(feature);
            addColumn(feature.name(), columns, seen);
        }
        return new FeaturePlan(built, derivedFeatures, columns);
    }

    private EventSchema schema(String source) {
        EventSchema schema = schemas.get(source);
        if (schema == null) {
            throw new IllegalArgumentException("unknown source " + source + "; declare it with source(name, schema)"
                    + " first; declared: " + schemas.keySet());
        }
        return schema;
    }

    private static void addColumn(String column, List<String> columns, Set<String> seen) {
        if (!seen.add(column)) {
            throw new IllegalArgumentException("feature column " + column + " is defined twice; columns: " + columns);
        }
        columns.add(column);
    }
}

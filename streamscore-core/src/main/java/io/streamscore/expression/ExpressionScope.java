package io.streamscore.expression;

import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/**
 * The names an expression may use: the fields of one event schema (numbers as {@code double}, strings as
 * {@code String}; {@code after.country} is written {@code after_country}) and feature columns (as {@code double}).
 * Immutable.
 *
 * <p>A field hides a feature column of the same name: the spec refuses feature names that equal a field of their
 * source, so this only matters for a column computed for another source, which an expression cannot use anyway.
 * A field whose name is a reserved word of the expression language (a Java keyword, {@code class}, {@code new})
 * is named with a trailing underscore, {@code class_}, as Avro's own code generator mangles such names: a schema
 * usually belongs to the producer, so its field names cannot simply be changed to suit the pipeline.
 */
public final class ExpressionScope {
    /** No names at all: only literals and functions. */
    public static final ExpressionScope EMPTY = new ExpressionScope(Map.of());

    private final Map<String, ExpressionVariable> variables;

    private ExpressionScope(Map<String, ExpressionVariable> variables) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** The fields of {@code schema}, each under {@link #identifierOf its identifier}. */
    public static ExpressionScope of(EventSchema schema) {
        Map<String, ExpressionVariable> variables = new LinkedHashMap<>();
        for (EventField field : schema.fields()) {
            String identifier = identifierOf(field.name());
            if (isUsable(identifier)) {
                ExpressionVariable.Source source = field.type().isNumeric()
                        ? ExpressionVariable.Source.NUMBER_FIELD : ExpressionVariable.Source.STRING_FIELD;
                variables.putIfAbsent(identifier, new ExpressionVariable(identifier, source, field.slot()));
            }
        }
        return new ExpressionScope(variables);
    }

    /** This scope plus feature columns, column {@code i} of {@code Event.features} named {@code columns.get(i)}. */
    public ExpressionScope withColumns(List<String> columns) {
        Map<String, ExpressionVariable> extended = new LinkedHashMap<>(variables);
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (isUsable(column)) {
                extended.putIfAbsent(column, new ExpressionVariable(column, ExpressionVariable.Source.FEATURE, i));
            }
        }
        return new ExpressionScope(extended);
    }

    /**
     * This scope plus one more number read from {@code Event.features}-style column {@code slot} (e.g. the model's
     * score after the last feature column); like {@link #withColumns}, an existing name of the same spelling wins.
     */
    public ExpressionScope withColumn(String name, int slot) {
        Map<String, ExpressionVariable> extended = new LinkedHashMap<>(variables);
        if (isUsable(name)) {
            extended.putIfAbsent(name, new ExpressionVariable(name, ExpressionVariable.Source.FEATURE, slot));
        }
        return new ExpressionScope(extended);
    }

    /**
     * The identifier an expression uses for a field: dots become underscores ({@code after.country}), and a
     * reserved word gets a trailing underscore ({@code class_}).
     */
    public static String identifierOf(String fieldName) {
        String identifier = fieldName.replace('.', '_');
        return SourceVersion.isKeyword(identifier) ? identifier + "_" : identifier;
    }

    public Optional<ExpressionVariable> variable(String identifier) {
        return Optional.ofNullable(variables.get(identifier));
    }

    /** Every usable name, fields first, in schema then column order. */
    public Collection<String> names() {
        return variables.keySet();
    }

    Collection<ExpressionVariable> variables() {
        return variables.values();
    }

    private static boolean isUsable(String identifier) {
        return SourceVersion.isIdentifier(identifier) && !SourceVersion.isKeyword(identifier);
    }
}

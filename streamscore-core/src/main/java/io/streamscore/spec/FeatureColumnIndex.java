package io.streamscore.spec;

import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature columns a spec declares, each with its source and the path of the entry that declares it: which
 * names an expression of a given source may use, and, for the others, why not. Columns are declared as their
 * entries are read; {@link #prescan} also knows the names written further down, to tell "declared after it" apart
 * from a name that does not exist.
 */
final class FeatureColumnIndex {
    /** A declared column; {@code source} is null for a broken feature whose source is unknown (seen by all). */
    record Declared(String source, String path) {
        boolean visibleTo(String reader) {
            return source == null || source.equals(reader);
        }
    }

    private final Map<String, Declared> declared = new LinkedHashMap<>();
    private final Map<String, Integer> positionByWrittenName = new LinkedHashMap<>();

    /** An index knowing every name written in the features list, declaring none yet. */
    static FeatureColumnIndex prescan(List<SpecNode> entries) {
        FeatureColumnIndex index = new FeatureColumnIndex();
        for (int position = 0; position < entries.size(); position++) {
            SpecNode entry = entries.get(position);
            String name = entry.get("name").peekText();
            if (name != null) {
                String n = entry.get("n").peekText();
                boolean lastN = "last_n".equals(entry.get("aggregation").peekText()) && n != null && n.matches("\\d+");
                List<String> columns = lastN ? FeatureDefinition.columnNames(name,
                        Aggregation.LAST_N, Integer.parseInt(n)) : List.of(name);
                for (String column : columns) {
                    index.positionByWrittenName.putIfAbsent(column, position);
                }
                index.positionByWrittenName.putIfAbsent(name, position);
            }
        }
        return index;
    }

    /** Every feature of a valid features section, declared. */
    static FeatureColumnIndex of(FeaturesSpec features) {
        FeatureColumnIndex index = new FeatureColumnIndex();
        features.windowed().forEach(f -> index.declare(f.columns(), f.source(), "features"));
        features.derived().forEach(f -> index.declare(List.of(f.name()), f.source(), "features"));
        return index;
    }

    /** The column names written first by the entry at {@code position}, as {@link #prescan} read them. */
    List<String> writtenAt(int position) {
        return positionByWrittenName.entrySet().stream().filter(e -> e.getValue() == position)
                .map(Map.Entry::getKey).toList();
    }

    Declared find(String column) {
        return declared.get(column);
    }

    void declare(List<String> columns, String source, String path) {
        columns.forEach(column -> declared.putIfAbsent(column, new Declared(source, path)));
    }

    /** The columns declared so far for events of {@code source}, in declaration order. */
    List<String> visibleTo(String source) {
        return declared.entrySet().stream().filter(e -> e.getValue().visibleTo(source)).map(Map.Entry::getKey)
                .toList();
    }

    /**
     * The names an expression of {@code source}, written by the {@code what} at {@code position} of the features
     * list, cannot use: columns of other sources, and names written further down the list.
     */
    Map<String, ExpressionRule.HiddenName> hiddenFrom(String source, String what, int position) {
        Map<String, ExpressionRule.HiddenName> hidden = new HashMap<>();
        positionByWrittenName.forEach((name, at) -> {
            if (at > position) {
                String path = "features[" + at + "]";
                hidden.put(name, new ExpressionRule.HiddenName("is declared after this " + what + ", at " + path,
                        "move this " + what + " below " + path + ": it sees only the features declared before it"));
            }
        });
        declared.forEach((column, where) -> {
            if (where.visibleTo(source)) {
                hidden.remove(column);
            } else {
                hidden.put(column, new ExpressionRule.HiddenName("is a feature of source `" + where.source()
                        + "`, computed only for its events", "use features of source `" + source + "` here, or "
                        + "give this " + what + " `source: " + where.source() + "`"));
            }
        });
        return hidden;
    }
}

package io.streamscore.spec;

import java.util.Map;
import java.util.Objects;

/**
 * One column a transaction takes from the profile version valid at its time: the row's {@code field} (a column of
 * the change events' {@code after} row), as a number. Text fields are mapped through {@code codes}; a value missing
 * from the codes, a missing field and a missing profile are NaN.
 *
 * @param codes empty for numeric fields
 */
public record ProfileColumnSpec(String name, String field, Map<String, Double> codes) {
    public ProfileColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
        codes = Map.copyOf(codes);
    }
}

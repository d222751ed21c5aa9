package io.streamscore.bench;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A count of keys or events on the command line: a positive integer, underscores allowed ({@code 1_000_000}). */
public final class PositiveCount implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int count;
        try {
            count = Integer.parseInt(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        if (count < 1) {
            throw new TypeConversionException("must be positive, got " + value);
        }
        return count;
    }
}

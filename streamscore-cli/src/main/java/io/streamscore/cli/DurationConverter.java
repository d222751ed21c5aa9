package io.streamscore.cli;

import io.streamscore.spec.DurationText;
import java.time.Duration;
import picocli.CommandLine;

/** Command-line durations are written as in specs: {@code 30s}, {@code 5m}, {@code 250ms}, or ISO-8601. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return DurationText.parse(value).filter(d -> !d.isNegative()).orElseThrow(() ->
                new CommandLine.TypeConversionException("'" + value + "' is not a duration; write "
                        + DurationText.ACCEPTED_FORMS));
    }
}

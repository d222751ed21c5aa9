package io.streamscore.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them in a spec: an integer and a unit ({@code 250ms}, {@code 5s}, {@code 10m},
 * {@code 1h}, {@code 30d}) or ISO-8601 ({@code PT5S}). Fractions and other units are refused rather than guessed:
 * {@code 1.5m} or {@code 5sec} could each mean something the user did not intend.
 */
public final class DurationText {
    public static final String ACCEPTED_FORMS = "an integer with a unit (250ms, 5s, 10m, 1h, 30d) or ISO-8601 (PT5S)";

    private static final Pattern SHORT_FORM = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h|d)");

    private DurationText() {}

    /**
     * The duration the text denotes, possibly negative; empty when the text is in neither accepted form.
     *
     * @throws ArithmeticException when the number is too large for a {@link Duration}
     */
    public static Optional<Duration> parse(String text) {
        String trimmed = text.trim();
        Matcher shortForm = SHORT_FORM.matcher(trimmed);
        if (shortForm.matches()) {
            long amount = parseAmount(shortForm.group(1));
            return Optional.of(switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        if (trimmed.matches("(?i)-?P.*")) {
            try {
                return Optional.of(Duration.parse(trimmed));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static long parseAmount(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ArithmeticException("duration amount " + digits + " is too large");
        }
    }

    /** The shortest exact short form: {@code 1d}, {@code 90s}, {@code 250ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        long[] unitMillis = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] unitNames = {"d", "h", "m", "s"};
        for (int i = 0; i < unitMillis.length; i++) {
            if (millis != 0 && millis % unitMillis[i] == 0) {
                return millis / unitMillis[i] + unitNames[i];
            }
        }
        return millis == 0 ? "0s" : millis + "ms";
    }
}

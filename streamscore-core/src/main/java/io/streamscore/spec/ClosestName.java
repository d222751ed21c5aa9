package io.streamscore.spec;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name a user probably meant: the same name in snake_case ({@code allowedLateness}), a name that
 * contains it ({@code lateness}), or the one at the smallest edit distance when that distance is small for the
 * name's length. A wrong suggestion is worse than none, so anything further away gives no suggestion.
 */
final class ClosestName {
    private ClosestName() {}

    static Optional<String> to(String given, Collection<String> known) {
        String normalized = snakeCase(given);
        return nearest(normalized, known).or(() -> known.stream()
                .filter(candidate -> normalized.length() >= 4 && candidate.contains(normalized)).findFirst());
    }

    /**
     * The known name at the smallest edit distance from {@code given} (as written), when that distance is small for
     * the name's length; no guess from containment.
     */
    static Optional<String> nearest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(given, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(1, best.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** "did you mean `x`? " or nothing: the start of a fix message. */
    static String didYouMean(String given, Collection<String> known) {
        return to(given, known).map(name -> "did you mean `" + name + "`? ").orElse("");
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance, two rows at a time. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

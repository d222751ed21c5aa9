package io.streamscore.expression;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled patterns of {@code matches}, in RE2 syntax (RE2/J): matching takes time linear in the text, whatever
 * the pattern, so a pattern such as {@code (a+)+$} cannot stall a task thread by catastrophic backtracking as
 * {@code java.util.regex} does. Patterns are compiled once per pattern string and shared by every expression of the
 * JVM (a TaskManager runs many subtasks; RE2/J patterns are immutable and thread-safe). The cache is static because
 * the generated expression code calls static functions; it holds at most {@link #MAX_CACHED} patterns, enough for the
 * constants of any spec: a pattern computed per event (from a field) beyond that is compiled on each call instead of
 * growing the heap.
 */
final class RegexPatterns {
    static final int MAX_CACHED = 1024;
    /** Why RE2 refuses what java.util.regex accepts, for the spec author who wrote it. */
    static final String UNSUPPORTED = "`matches` takes RE2 syntax, which matches in time linear in the text; it has no "
            + "backreferences (\\1, \\k<name>), lookahead or lookbehind ((?=, (?!, (?<=, (?<!), atomic groups ((?>) "
            + "or possessive quantifiers (a*+), because they need backtracking, which can take exponential time";

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private RegexPatterns() {}

    /**
     * The compiled {@code regex}.
     *
     * @throws PatternSyntaxException when it is not valid RE2 syntax (a constant pattern was checked when the spec
     *     loaded, so only a pattern computed per event can fail here)
     */
    static Pattern compiled(String regex) {
        Pattern pattern = CACHE.get(regex);
        if (pattern != null) {
            return pattern;
        }
        pattern = Pattern.compile(regex);
        if (CACHE.size() < MAX_CACHED) {
            CACHE.putIfAbsent(regex, pattern);
        }
        return pattern;
    }

    /** Why {@code regex} cannot be matched (RE2/J's description of the first problem in it), or null when it can. */
    static String refusal(String regex) {
        try {
            compiled(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription() + (e.getPattern() == null || e.getPattern().isEmpty() ? ""
                    : ": `" + e.getPattern() + "`");
        }
    }
}

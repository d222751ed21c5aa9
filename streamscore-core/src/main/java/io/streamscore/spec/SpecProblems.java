package io.streamscore.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found while reading one spec, in the order they were found. Readers keep going after a problem so
 * that one run reports everything; a reader builds its record only when {@link #noneSince} says its own part was
 * clean, so no record constructor ever sees an invalid value.
 */
final class SpecProblems {
    private final List<SpecError> errors = new ArrayList<>();

    void add(String path, String problem, String fix) {
        errors.add(new SpecError(path, problem, fix));
    }

    /** A mark to pass to {@link #noneSince} later. */
    int mark() {
        return errors.size();
    }

    boolean noneSince(int mark) {
        return errors.size() == mark;
    }

    List<SpecError> list() {
        return List.copyOf(errors);
    }
}

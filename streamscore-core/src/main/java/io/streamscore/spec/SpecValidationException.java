package io.streamscore.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot run, with every problem found (not only the first). */
public final class SpecValidationException extends RuntimeException {
    private final List<SpecError> errors;

    public SpecValidationException(List<SpecError> errors) {
        super(errors.size() + " problem(s) in the pipeline spec:\n  "
                + errors.stream().map(SpecError::toString).collect(Collectors.joining("\n  ")));
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }
}

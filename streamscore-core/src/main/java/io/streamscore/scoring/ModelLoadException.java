package io.streamscore.scoring;

/**
 * A model file that cannot be scored: malformed, or using a feature the evaluator does not implement. Thrown at load
 * time so that a bad model version is refused before it can replace a working one; the message says what was found
 * and why it cannot be scored.
 */
public final class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

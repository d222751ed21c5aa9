package io.streamscore.flink.scoring;

/**
 * The spec's model cannot score at start: no champion, or neither it nor any earlier champion loads and passes its
 * self-check. A user error, found before the job starts; the message names {@code model.name},
 * {@code model.registry} and the fix.
 */
public final class ModelNotServableException extends IllegalStateException {
    public ModelNotServableException(String message, Throwable cause) {
        super(message, cause);
    }
}

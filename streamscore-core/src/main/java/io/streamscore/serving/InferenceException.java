package io.streamscore.serving;

/**
 * A request the server refuses, with the HTTP status it answers with; the message becomes the protocol's error body
 * {@code {"error": "..."}}, so it says what was wrong and what the server expects.
 */
public final class InferenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public InferenceException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static InferenceException badRequest(String message) {
        return new InferenceException(400, message);
    }

    static InferenceException notFound(String message) {
        return new InferenceException(404, message);
    }
}

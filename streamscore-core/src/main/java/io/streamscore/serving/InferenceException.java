package io.streamscore.serving;

import java.util.concurrent.CompletionException;

/**
 * A request the server refuses (4xx) or fails (5xx), with the HTTP status it answers with; the message becomes the
 * protocol's error body {@code {"error": "..."}}, so it says what was wrong and what the server expects.
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

    /**
     * What a scoring future failed with, as the answer REST and gRPC give alike: the batcher fails requests with an
     * {@code InferenceException} (a model's failure is its 500); anything else is the server's own fault, a 500 too.
     */
    static InferenceException ofScoring(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof InferenceException refused ? refused
                : new InferenceException(500, "internal error: " + cause);
    }
}

package io.streamscore.serving.client;

/**
 * A failed inference request: whether retrying may help (connection refused or reset, 5xx, 429, timeout) and
 * whether it was a timeout, for the metrics.
 */
public final class RemoteCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final boolean timeout;
    private final Refusal refusal;

    /** What the server said no to, when it said so. */
    public enum Refusal {
        /** Nothing in particular: an error, a timeout, a connection that failed. */
        NONE,
        /** The model or version (HTTP 404, gRPC {@code NOT_FOUND}). */
        NOT_FOUND,
        /** The credentials (HTTP 401 and 403, gRPC {@code UNAUTHENTICATED} and {@code PERMISSION_DENIED}). */
        DENIED
    }

    public RemoteCallException(String message, boolean retryable, boolean timeout, Throwable cause) {
        this(message, retryable, timeout, Refusal.NONE, cause);
    }

    RemoteCallException(String message, boolean retryable, boolean timeout, Refusal refusal, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.timeout = timeout;
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean timeout() {
        return timeout;
    }
}

package io.streamscore.serving.client;

/**
 * A failed inference request: whether retrying may help (connection refused or reset, 5xx, 429, timeout) and
 * whether it was a timeout, for the metrics.
 */
public final class RemoteCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final boolean timeout;
    private final boolean notFound;

    public RemoteCallException(String message, boolean retryable, boolean timeout, Throwable cause) {
        this(message, retryable, timeout, false, cause);
    }

    RemoteCallException(String message, boolean retryable, boolean timeout, boolean notFound, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.timeout = timeout;
        this.notFound = notFound;
    }

    /** Whether the server said it has no such model or version (HTTP 404, gRPC {@code NOT_FOUND}). */
    public boolean notFound() {
        return notFound;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean timeout() {
        return timeout;
    }
}

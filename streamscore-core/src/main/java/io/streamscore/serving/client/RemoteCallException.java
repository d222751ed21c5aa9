package io.streamscore.serving.client;

/**
 * A failed inference request: whether retrying may help (connection refused or reset, 5xx, 429, timeout) and
 * whether it was a timeout, for the metrics.
 */
public final class RemoteCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final boolean timeout;

    public RemoteCallException(String message, boolean retryable, boolean timeout, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.timeout = timeout;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean timeout() {
        return timeout;
    }
}

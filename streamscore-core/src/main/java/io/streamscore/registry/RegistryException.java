package io.streamscore.registry;

/**
 * Something the caller asked of the registry cannot be done: an unknown model or version, a checksum mismatch, an
 * invalid manifest, a rollback with nothing to roll back to. The message says what exists or what to do instead,
 * so a command can print it as it is.
 */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}

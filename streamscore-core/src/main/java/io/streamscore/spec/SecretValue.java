package io.streamscore.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * A password or token taken from an environment variable named in the spec ({@code password: ${PG_PASSWORD}}).
 * The spec holds only the reference; the value is read when the spec is loaded and never printed: {@link #toString}
 * is {@value #MASK}, so a spec, a log line or an exception that shows a record holding a secret shows the mask.
 *
 * @param variable the environment variable the value came from, e.g. {@code PG_PASSWORD}
 * @param value the secret itself; read it with {@link #reveal()} only where a client needs it
 */
public record SecretValue(String variable, String value) implements Serializable {
    /** What a secret looks like wherever it is printed. */
    public static final String MASK = "****";

    public SecretValue {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
    }

    /** The secret, for the client that needs it (a JDBC connection, a Redis AUTH, a bearer token check). */
    public String reveal() {
        return value;
    }

    /** The secret or {@code null}, for optional secrets. */
    public static String reveal(SecretValue secret) {
        return secret == null ? null : secret.value;
    }

    @Override
    public String toString() {
        return MASK;
    }
}

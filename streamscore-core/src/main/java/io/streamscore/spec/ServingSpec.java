package io.streamscore.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * The feature-serving HTTP API ({@code GET /v1/features/{entity}}), reading the Redis feature store.
 *
 * @param host the address to bind, 127.0.0.1 by default
 * @param port the port; 0 picks a free one
 * @param token the bearer token clients must send, or null for none (allowed only on a loopback host)
 */
public record ServingSpec(String host, int port, SecretValue token) implements Serializable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;

    public ServingSpec {
        Objects.requireNonNull(host, "host");
    }
}

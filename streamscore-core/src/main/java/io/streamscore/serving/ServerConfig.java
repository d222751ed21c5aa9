package io.streamscore.serving;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code streamscore serve} listens and batches.
 *
 * @param host      the interface to bind; {@value #DEFAULT_HOST} by default, so nothing outside the machine reaches it
 * @param port      the port; 0 takes any free one
 * @param threads   HTTP handler threads (each waits for its batch while the batcher scores)
 * @param maxBatch  the most rows one batch scores at once
 * @param maxWait   how long a batch waits for more requests after its first; 0 batches only what already queued
 */
public record ServerConfig(String host, int port, int threads, int maxBatch, Duration maxWait) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_THREADS = 32;
    public static final int DEFAULT_MAX_BATCH = 1024;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ZERO;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(maxWait, "maxWait");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not a port; use 1..65535, or 0 for any free port");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " must be at least 1");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch: " + maxBatch + " must be at least 1 row");
        }
        if (maxWait.isNegative() || maxWait.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("max wait: " + maxWait + " must be between 0 and 1s");
        }
    }

    /** Defaults on 127.0.0.1 and {@code port}. */
    public static ServerConfig local(int port) {
        return new ServerConfig(DEFAULT_HOST, port, DEFAULT_THREADS, DEFAULT_MAX_BATCH, DEFAULT_MAX_WAIT);
    }
}

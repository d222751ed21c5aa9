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
 * @param grpcPort  the port of the protocol's gRPC form on the same host; 0 takes any free one, {@value #NO_GRPC}
 *                  serves REST only
 * @param tls       the certificate and key to serve both forms over TLS with; null for plaintext
 */
public record ServerConfig(String host, int port, int threads, int maxBatch, Duration maxWait, int grpcPort,
                           ServerTls tls) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int NO_GRPC = -1;
    public static final int DEFAULT_THREADS = 32;
    public static final int DEFAULT_MAX_BATCH = 1024;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ZERO;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(maxWait, "maxWait");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port
                    + " is not a port; use 1..65535, or 0 for any free port");
        }
        if (grpcPort < NO_GRPC || grpcPort > 65535 || grpcPort > 0 && grpcPort == port) {
            throw new IllegalArgumentException("gRPC port: " + grpcPort + " is not a port of its own; use 1..65535 "
                    + "(not the REST port), 0 for any free port, or leave it out to serve REST only");
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

    /** REST only. */
    public ServerConfig(String host, int port, int threads, int maxBatch, Duration maxWait) {
        this(host, port, threads, maxBatch, maxWait, NO_GRPC, null);
    }

    /** Defaults on 127.0.0.1 and {@code port}, REST only. */
    public static ServerConfig local(int port) {
        return new ServerConfig(DEFAULT_HOST, port, DEFAULT_THREADS, DEFAULT_MAX_BATCH, DEFAULT_MAX_WAIT);
    }

    /** The same with the gRPC form on {@code newGrpcPort} too. */
    public ServerConfig withGrpcPort(int newGrpcPort) {
        return new ServerConfig(host, port, threads, maxBatch, maxWait, newGrpcPort, tls);
    }

    /** The same over TLS. */
    public ServerConfig withTls(ServerTls newTls) {
        return new ServerConfig(host, port, threads, maxBatch, maxWait, grpcPort, newTls);
    }
}

package io.streamscore.serving.client;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a pipeline scores through a remote Open Inference Protocol server ({@code model.remote} in the spec).
 *
 * @param url             the server's base URL, e.g. {@code http://127.0.0.1:8080} (REST), or
 *                        {@code grpc://127.0.0.1:8081} for the protocol's gRPC form (plaintext)
 * @param model           the model's name on the server
 * @param version         the version to call, or null for the server's default
 * @param maxBatch        the most events in one inference request
 * @param maxWait         how long a batch waits for more events after its first
 * @param maxInFlight     the most requests (batches) outstanding at once; more wait their turn
 * @param timeout         how long one request may take before it counts as failed
 * @param retries         how many times a failed request is retried (connection refused, 5xx, 429, timeout)
 * @param backoff         the first retry's delay; it doubles per retry, with up to 50% random jitter
 * @param breakerFailures consecutive failed requests that open the circuit breaker
 * @param breakerOpenFor  how long the breaker stays open before one trial request (half-open)
 * @param ordered         whether scores leave in input order (else as they complete)
 * @param fallback        what scores an event the server cannot
 * @param defaultScore    the score of a {@link Fallback#DEFAULT} fallback (flagged in the output)
 * @param binaryData      whether rows and scores travel as binary tensor data ({@code binary_data}: the protocol's
 *                        binary tensor extension, which Triton, KServe and {@code streamscore serve} speak) instead of
 *                        JSON numbers; over gRPC they always travel as raw tensor bytes
 * @param tensors         the input's name and datatype and the output that holds the score ({@code input},
 *                        {@code datatype}, {@code output}, {@code output_column})
 * @param headers         sent with every request, as HTTP headers or gRPC metadata ({@code headers}: e.g. a bearer
 *                        token); {@link #toString} masks their values
 * @param tlsCaPem        for {@code https://} and {@code grpcs://}: the certificates of the CAs to trust instead of the
 *                        JVM's (PEM, from {@code tls_ca_file}); null for the JVM's trust store
 * @param tlsIdentity     for servers that require client certificates (mutual TLS): the certificate and key to
 *                        present ({@code tls_cert_file}, {@code tls_key_file}); null for none
 */
public record RemoteScoringConfig(String url, String model, Integer version, int maxBatch, Duration maxWait,
                                  int maxInFlight, Duration timeout, int retries, Duration backoff,
                                  int breakerFailures, Duration breakerOpenFor, boolean ordered, Fallback fallback,
                                  double defaultScore, boolean binaryData, RemoteTensors tensors,
                                  Map<String, String> headers, String tlsCaPem, TlsIdentity tlsIdentity)
        implements Serializable {
    private static final long serialVersionUID = 6L;

    public static final String GRPC_SCHEME = "grpc";
    public static final String GRPC_TLS_SCHEME = "grpcs";
    public static final int DEFAULT_MAX_BATCH = 64;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(5);
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_RETRIES = 2;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(50);
    public static final int DEFAULT_BREAKER_FAILURES = 5;
    public static final Duration DEFAULT_BREAKER_OPEN_FOR = Duration.ofSeconds(5);

    /** What scores an event when the server cannot (down, slow, refusing, breaker open). */
    public enum Fallback {
        /** The model's champion from the registry, scored in the job. */
        CHAMPION,
        /** {@code defaultScore}, with the record's {@code fallback} flag set. */
        DEFAULT
    }

    public RemoteScoringConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(tensors, "tensors");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        String problem = urlProblem(url);
        if (problem != null) {
            throw new IllegalArgumentException("model.remote.url: " + problem);
        }
        check(maxBatch >= 1 && maxBatch <= 4096, "max_batch", maxBatch + " must be 1..4096");
        check(maxInFlight >= 1 && maxInFlight <= 256, "max_in_flight", maxInFlight + " must be 1..256");
        check(retries >= 0 && retries <= 10, "retries", retries + " must be 0..10");
        check(breakerFailures >= 1, "breaker_failures", breakerFailures + " must be at least 1");
        check(!maxWait.isNegative() && maxWait.compareTo(Duration.ofSeconds(1)) <= 0, "max_wait",
                maxWait + " must be 0..1s");
        check(timeout.toMillis() >= 1, "timeout", timeout + " must be at least 1ms");
        check(!backoff.isNegative(), "backoff", backoff + " must not be negative");
        check(breakerOpenFor.toMillis() >= 1, "breaker_open_for", breakerOpenFor + " must be at least 1ms");
        check(Double.isFinite(defaultScore), "default_score", defaultScore + " must be a finite number");
        check(tlsCaPem == null || tlsUrl(url), "tls_ca_file",
                "a CA only matters with TLS; use an https:// or grpcs:// URL");
        check(tlsIdentity == null || tlsUrl(url), "tls_cert_file",
                "a client certificate only matters with TLS; use an https:// or grpcs:// URL");
    }

    /**
     * What is wrong with {@code url} as a server's address, or null: an {@code http(s)://host[:port][/path]} base URL,
     * or {@code grpc://host:port} (the port is required: servers differ, Triton 8001, KServe 8081); a port written
     * must be 1..65535.
     */
    public static String urlProblem(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "'" + url + "' is not a URL; write e.g. http://127.0.0.1:8080 or grpc://127.0.0.1:8081";
        }
        String scheme = uri.getScheme();
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            // -1 is no port (http's 80, https's 443); 0 would ask the OS for any free port, no server's address.
            return "port " + uri.getPort() + " in '" + url + "' is out of range; use a port from 1 to 65535, or "
                    + "leave it out for the scheme's default (http 80, https 443)";
        }
        if (GRPC_SCHEME.equals(scheme) || GRPC_TLS_SCHEME.equals(scheme)) {
            boolean bare = uri.getHost() != null && uri.getPort() > 0 && uri.getUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            return bare ? null : "'" + url + "' is not a gRPC address; write grpc://host:port (the server's gRPC "
                    + "port, e.g. grpc://127.0.0.1:8081, nothing after it; grpcs:// for TLS)";
        }
        if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
            return null;
        }
        return "'" + url + "' is not an http(s) or grpc(s) URL; write e.g. http://127.0.0.1:8080 (REST) or "
                + "grpc://127.0.0.1:8081 (gRPC; https:// and grpcs:// with TLS)";
    }

    public RemoteScoringConfig withTensors(RemoteTensors newTensors) {
        return new RemoteScoringConfig(url, model, version, maxBatch, maxWait, maxInFlight, timeout, retries, backoff,
                breakerFailures, breakerOpenFor, ordered, fallback, defaultScore, binaryData, newTensors, headers,
                tlsCaPem, tlsIdentity);
    }

    public RemoteScoringConfig withHeaders(Map<String, String> newHeaders) {
        return new RemoteScoringConfig(url, model, version, maxBatch, maxWait, maxInFlight, timeout, retries, backoff,
                breakerFailures, breakerOpenFor, ordered, fallback, defaultScore, binaryData, tensors, newHeaders,
                tlsCaPem, tlsIdentity);
    }

    /** Every field, the headers' values masked: they may hold credentials. */
    @Override
    public String toString() {
        Map<String, String> masked = new LinkedHashMap<>();
        headers.keySet().forEach(name -> masked.put(name, "****"));
        return "RemoteScoringConfig[url=" + url + ", model=" + model + ", version=" + version + ", maxBatch="
                + maxBatch + ", maxWait=" + maxWait + ", maxInFlight=" + maxInFlight + ", timeout=" + timeout
                + ", retries=" + retries + ", backoff=" + backoff + ", breakerFailures=" + breakerFailures
                + ", breakerOpenFor=" + breakerOpenFor + ", ordered=" + ordered + ", fallback=" + fallback
                + ", defaultScore=" + defaultScore + ", binaryData=" + binaryData + ", tensors=" + tensors
                + ", headers=" + masked + ", tlsCa=" + (tlsCaPem == null ? "the JVM's" : "tls_ca_file")
                + ", tlsIdentity=" + (tlsIdentity == null ? "none" : tlsIdentity) + "]";
    }

    /** Whether the server is called over the protocol's gRPC form ({@code grpc://} or {@code grpcs://host:port}). */
    public boolean grpc() {
        return url.startsWith(GRPC_SCHEME + ":") || url.startsWith(GRPC_TLS_SCHEME + ":");
    }

    /** Whether calls go over TLS ({@code https://}, {@code grpcs://}). */
    public boolean tls() {
        return tlsUrl(url);
    }

    /** Whether {@code url} is {@code https://} or {@code grpcs://}. */
    public static boolean tlsUrl(String url) {
        return url.startsWith("https:") || url.startsWith(GRPC_TLS_SCHEME + ":");
    }

    public RemoteScoringConfig withTlsCa(String newTlsCaPem) {
        return new RemoteScoringConfig(url, model, version, maxBatch, maxWait, maxInFlight, timeout, retries, backoff,
                breakerFailures, breakerOpenFor, ordered, fallback, defaultScore, binaryData, tensors, headers,
                newTlsCaPem, tlsIdentity);
    }

    public RemoteScoringConfig withTlsIdentity(TlsIdentity newTlsIdentity) {
        return new RemoteScoringConfig(url, model, version, maxBatch, maxWait, maxInFlight, timeout, retries, backoff,
                breakerFailures, breakerOpenFor, ordered, fallback, defaultScore, binaryData, tensors, headers,
                tlsCaPem, newTlsIdentity);
    }

    /** Where calls go, for logs and errors: the REST infer URL, or the gRPC address with the model and version. */
    public String endpoint() {
        return grpc() ? url + " (gRPC ModelInfer, model " + model + (version == null ? "" : " version " + version)
                + ")" : inferUri().toString();
    }

    private static void check(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException("model.remote." + field + ": " + message);
        }
    }

    /** With the tensors {@code streamscore serve} speaks ({@link RemoteTensors#DEFAULT}). */
    public RemoteScoringConfig(String url, String model, Integer version, int maxBatch, Duration maxWait,
                               int maxInFlight, Duration timeout, int retries, Duration backoff, int breakerFailures,
                               Duration breakerOpenFor, boolean ordered, Fallback fallback, double defaultScore,
                               boolean binaryData) {
        this(url, model, version, maxBatch, maxWait, maxInFlight, timeout, retries, backoff, breakerFailures,
                breakerOpenFor, ordered, fallback, defaultScore, binaryData, RemoteTensors.DEFAULT, Map.of(), null,
                null);
    }

    /** Defaults for everything but where to call. */
    public static RemoteScoringConfig defaults(String url, String model) {
        return new RemoteScoringConfig(url, model, null, DEFAULT_MAX_BATCH, DEFAULT_MAX_WAIT, DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_TIMEOUT, DEFAULT_RETRIES, DEFAULT_BACKOFF, DEFAULT_BREAKER_FAILURES, DEFAULT_BREAKER_OPEN_FOR,
                true, Fallback.DEFAULT, 0.0, false);
    }

    public RemoteScoringConfig withBatching(int newMaxBatch, Duration newMaxWait, int newMaxInFlight) {
        return new RemoteScoringConfig(url, model, version, newMaxBatch, newMaxWait, newMaxInFlight, timeout, retries,
                backoff, breakerFailures, breakerOpenFor, ordered, fallback, defaultScore, binaryData, tensors,
                headers, tlsCaPem, tlsIdentity);
    }

    public RemoteScoringConfig withFaultHandling(Duration newTimeout, int newRetries, Duration newBackoff,
                                                 int newBreakerFailures, Duration newBreakerOpenFor) {
        return new RemoteScoringConfig(url, model, version, maxBatch, maxWait, maxInFlight, newTimeout, newRetries,
                newBackoff, newBreakerFailures, newBreakerOpenFor, ordered, fallback, defaultScore, binaryData,
                tensors, headers, tlsCaPem, tlsIdentity);
    }

    public RemoteScoringConfig withUrl(String newUrl) {
        return new RemoteScoringConfig(newUrl, model, version, maxBatch, maxWait, maxInFlight, timeout, retries,
                backoff, breakerFailures, breakerOpenFor, ordered, fallback, defaultScore, binaryData, tensors,
                headers, tlsCaPem, tlsIdentity);
    }

    public RemoteScoringConfig withBinaryData(boolean newBinaryData) {
        return new RemoteScoringConfig(url, model, version, maxBatch, maxWait, maxInFlight, timeout, retries, backoff,
                breakerFailures, breakerOpenFor, ordered, fallback, defaultScore, newBinaryData, tensors, headers,
                tlsCaPem, tlsIdentity);
    }

    /** The inference endpoint: {@code {url}/v2/models/{model}[/versions/{version}]/infer}. */
    public URI inferUri() {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return URI.create(base + "/v2/models/" + model + (version == null ? "" : "/versions/" + version) + "/infer");
    }
}

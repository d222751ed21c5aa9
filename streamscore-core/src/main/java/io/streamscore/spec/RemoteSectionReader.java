package io.streamscore.spec;

import io.streamscore.serving.BinaryTensors;
import io.streamscore.serving.Datatype;
import io.streamscore.serving.client.RemoteScoringConfig;
import io.streamscore.serving.client.RemoteTensors;
import io.streamscore.serving.client.TlsIdentity;
import io.streamscore.serving.client.RemoteScoringConfig.Fallback;
import java.time.Duration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code model.remote}: score through an Open Inference Protocol server ({@code streamscore serve}, Triton,
 * KServe, MLServer) instead of in process, micro-batched, with timeouts, retries, a circuit breaker and a fallback.
 * Absent: in process.
 */
final class RemoteSectionReader {
    static final List<String> KEYS = List.of("url", "model", "version", "max_batch", "max_wait", "max_in_flight",
            "timeout", "retries", "backoff", "breaker_failures", "breaker_open_for", "ordered", "fallback",
            "default_score", "binary_data", "input", "datatype", "output", "output_column", "headers",
            "tls_ca_file", "tls_cert_file", "tls_key_file");
    /** Headers the HTTP client sets itself (the JDK refuses them) or that would break the protocol. */
    private static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "content-type",
            "expect", "host", "upgrade", "te", "transfer-encoding",
            BinaryTensors.HEADER_LENGTH.toLowerCase(Locale.ROOT));
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private RemoteSectionReader() {}

    /** The remote settings, or null when absent or invalid (problems are reported on {@code remote}). */
    static RemoteScoringConfig read(SpecNode remote, String modelName, SpecSecrets secrets, Path baseDir) {
        if (!remote.isPresent()) {
            return null;
        }
        if (!remote.expectMap("remote model server settings (url, max_batch, max_wait, timeout, fallback, ...)")) {
            return null;
        }
        int mark = remote.problems().mark();
        remote.rejectUnknownKeys(KEYS);
        String url = readUrl(remote.get("url"));
        String model = remote.get("model").text(modelName);
        int version = remote.get("version").integer(0, 1, Integer.MAX_VALUE);
        int maxBatch = remote.get("max_batch").integer(RemoteScoringConfig.DEFAULT_MAX_BATCH, 1, 4096);
        Duration maxWait = remote.get("max_wait").duration(RemoteScoringConfig.DEFAULT_MAX_WAIT, Duration.ZERO,
                Duration.ofSeconds(1), "a batch waits at most this long, and every event in it with it");
        int maxInFlight = remote.get("max_in_flight").integer(RemoteScoringConfig.DEFAULT_MAX_IN_FLIGHT, 1, 256);
        Duration timeout = remote.get("timeout").duration(RemoteScoringConfig.DEFAULT_TIMEOUT, Duration.ofMillis(1),
                Duration.ofMinutes(1), "a slower server stalls scoring; the fallback answers instead");
        int retries = remote.get("retries").integer(RemoteScoringConfig.DEFAULT_RETRIES, 0, 10);
        Duration backoff = remote.get("backoff").duration(RemoteScoringConfig.DEFAULT_BACKOFF, Duration.ZERO,
                Duration.ofSeconds(10), "retries double it each time");
        int breakerFailures = remote.get("breaker_failures").integer(RemoteScoringConfig.DEFAULT_BREAKER_FAILURES,
                1, 1000);
        Duration breakerOpenFor = remote.get("breaker_open_for").duration(
                RemoteScoringConfig.DEFAULT_BREAKER_OPEN_FOR, Duration.ofMillis(1), Duration.ofMinutes(10),
                "the breaker tries the server again after this long");
        boolean ordered = remote.get("ordered").bool(true);
        Fallback fallback = readFallback(remote.get("fallback"));
        double defaultScore = remote.get("default_score").decimal(0.0, -1e12, 1e12);
        boolean binaryData = remote.get("binary_data").bool(false);
        RemoteTensors tensors = readTensors(remote);
        Map<String, String> headers = readHeaders(remote.get("headers"), secrets);
        boolean tls = url != null && RemoteScoringConfig.tlsUrl(url);
        TlsCaFile tlsCa = TlsCaFile.fromSpec(remote.get("tls_ca_file"), secrets, baseDir,
                tls ? null : "a CA file only matters with TLS, and `url` is not https:// or grpcs://",
                "use an https:// or grpcs:// URL, or remove `tls_ca_file`");
        TlsIdentity tlsIdentity = TlsClientFiles.fromSpec(remote, secrets, baseDir,
                tls ? null : "a client certificate only matters with TLS, and `url` is not https:// or grpcs://",
                "use an https:// or grpcs:// URL, or remove `tls_cert_file` and `tls_key_file`");
        if (!remote.problems().noneSince(mark) || url == null || model == null || tensors == null) {
            return null;
        }
        return new RemoteScoringConfig(url, model, version == 0 ? null : version, maxBatch, maxWait, maxInFlight,
                timeout, retries, backoff, breakerFailures, breakerOpenFor, ordered, fallback, defaultScore,
                binaryData, tensors, headers, tlsCa == null ? null : tlsCa.pem(), tlsIdentity);
    }

    /**
     * {@code headers}: sent with every request (HTTP headers, gRPC metadata), e.g. {@code Authorization: "Bearer
     * ${MODEL_TOKEN}"}; values may reference environment variables, and the secret in a credential header
     * ({@link CredentialHeader}) must.
     */
    private static Map<String, String> readHeaders(SpecNode node, SpecSecrets secrets) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!node.isPresent() || !node.expectMap("headers sent with every request, e.g. "
                + "`Authorization: \"Bearer ${MODEL_TOKEN}\"`")) {
            return headers;
        }
        node.entries().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!TOKEN.matcher(name).matches() || RESERVED_HEADERS.contains(lower) || lower.endsWith("-bin")
                    || lower.startsWith("grpc-") || lower.startsWith(":")) {
                value.error("`" + name + "` cannot be set here: the clients set it themselves, or it is not a "
                        + "header name", "remove it; headers here are for authentication and routing, e.g. "
                        + "`Authorization`, `X-Api-Key`");
                return;
            }
            String text = value.text(null);
            if (text == null) {
                value.error("expected text, found " + value.describe(), "write the header's value as text");
                return;
            }
            CredentialHeader credential = CredentialHeader.of(name);
            String resolved = credential == null ? secrets.interpolate(value, text)
                    : secrets.interpolateCredential(value, text, credential.referencesItsSecret(text) ? null
                            : "`" + name + "` holds a credential", credential.fix(name));
            if (resolved != null) {
                headers.put(name, resolved);
            }
        });
        return headers;
    }

    /** {@code input}, {@code datatype}, {@code output}, {@code output_column}: the model's own tensor names. */
    private static RemoteTensors readTensors(SpecNode remote) {
        RemoteTensors defaults = RemoteTensors.DEFAULT;
        String input = remote.get("input").text(defaults.input());
        SpecNode datatypeNode = remote.get("datatype");
        String written = datatypeNode.text(defaults.datatype().name());
        Datatype datatype = written == null ? null : Datatype.byName(written.trim().toUpperCase(Locale.ROOT));
        if (written != null && datatype != Datatype.FP64 && datatype != Datatype.FP32) {
            datatypeNode.error("'" + written + "' is not a datatype the rows are sent as", "use `FP64` (the default) "
                    + "or `FP32` for a model that takes floats (ONNX models converted from scikit-learn do)");
            return null;
        }
        String output = remote.get("output").text(null);
        int column = remote.get("output_column").integer(-1, 0, 1 << 16);
        if (input != null && input.isBlank()) {
            remote.get("input").error("the input tensor's name is empty", "write the name of the model's input on "
                    + "the server (its metadata lists it), e.g. `input: float_input`; leave it out for `features`");
            return null;
        }
        if (input == null || datatype == null) {
            return null;
        }
        return new RemoteTensors(input.trim(), datatype, output == null ? null : output.trim(),
                column < 0 ? null : column);
    }

    private static String readUrl(SpecNode node) {
        String url = node.requiredText("add `url: http://host:port`, the server's base URL (`streamscore serve` "
                + "listens on http://127.0.0.1:8080 by default), or `url: grpc://host:port` for its gRPC port");
        if (url == null) {
            return null;
        }
        if (holdsCredential(node, url.trim())) {
            return null;
        }
        String problem = RemoteScoringConfig.urlProblem(url.trim());
        if (problem == null) {
            return url.trim();
        }
        node.error(problem, "write the server's REST base URL, e.g. `url: http://127.0.0.1:8080`, or its gRPC "
                + "address, e.g. `url: grpc://127.0.0.1:8081`");
        return null;
    }

    /**
     * Refuses user info and credential parameters ({@code api_key}, {@code token}, {@code sig}, ...) in the URL: it is
     * printed with the remote settings and in logs. Headers carry credentials as references. Nothing is echoed.
     */
    private static boolean holdsCredential(SpecNode node, String url) {
        UrlCredentials credentials = UrlCredentials.of(url);
        String parameter = credentials.secretParameter(SecretNames::isCredentialParameter);
        if (!credentials.hasUserInfo() && parameter == null) {
            return false;
        }
        node.error("the URL holds " + (credentials.hasUserInfo() ? "user info (user:password@)"
                : "`" + parameter + "`, a credential") + "; written in the spec it ends up in version control and "
                + "logs", "remove it from the URL and send it in `model.remote.headers` from an environment variable, "
                + "e.g. `Authorization: \"Bearer ${MODEL_TOKEN}\"` or `X-Api-Key: ${MODEL_API_KEY}`");
        return true;
    }

    private static Fallback readFallback(SpecNode node) {
        String written = node.text("champion");
        if (written == null) {
            return Fallback.CHAMPION;
        }
        try {
            return Fallback.valueOf(written.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            node.error("'" + written + "' is not a fallback", "use `champion` (the registry's champion, scored in "
                    + "the job) or `default` (default_score, flagged `fallback: true` in the output)");
            return null;
        }
    }
}

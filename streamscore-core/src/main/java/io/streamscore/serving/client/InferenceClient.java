package io.streamscore.serving.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.serving.BinaryTensors;
import io.streamscore.serving.InferenceJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Calls one model's {@code infer} endpoint over the Open Inference Protocol's REST form, asynchronously, with one
 * {@link HttpClient} (one connection pool) per client. A batch of rows goes as one FP64 tensor {@code [rows, width]},
 * as JSON numbers or, with {@code binaryData}, as binary tensor data after a JSON header ({@link BinaryTensors}, the
 * scores then asked for the same way); the answer's first output must hold one number per row, in either form.
 * Failures complete the future with a {@link RemoteCallException} that says whether a retry may help.
 */
public final class InferenceClient implements InferenceTransport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI infer;
    private final Duration timeout;
    private final boolean binaryData;
    private final RemoteTensors tensors;
    private final Map<String, String> headers;

    /** With the tensors {@code streamscore serve} speaks, and no headers of its own. */
    public InferenceClient(URI infer, Duration timeout, boolean binaryData) {
        this(infer, timeout, binaryData, RemoteTensors.DEFAULT, Map.of(), null, null);
    }

    /** As {@code config} says: its infer URL, timeout, tensors, headers and trusted CAs. */
    public InferenceClient(RemoteScoringConfig config) {
        this(config.inferUri(), config.timeout(), config.binaryData(), config.tensors(), config.headers(),
                config.tlsCaPem(), config.tlsIdentity());
    }

    private InferenceClient(URI infer, Duration timeout, boolean binaryData, RemoteTensors tensors,
                            Map<String, String> headers, String tlsCaPem, TlsIdentity tlsIdentity) {
        this.infer = infer;
        this.timeout = timeout;
        this.binaryData = binaryData;
        this.tensors = tensors;
        this.headers = Map.copyOf(headers);
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
        if (tlsCaPem != null || tlsIdentity != null) {
            try {
                http.sslContext(PemTrust.sslContext(tlsCaPem, tlsIdentity));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("model.remote TLS files (tls_ca_file, tls_cert_file, tls_key_file): "
                        + e.getMessage(), e);
            }
        }
        this.http = http.build();
    }

    @Override
    public String endpoint() {
        return infer.toString();
    }

    @Override
    public CompletableFuture<Result> infer(double[][] rows, int count, int width) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(infer).timeout(timeout);
        headers.forEach(builder::header);
        if (binaryData) {
            byte[] header = InferenceJson.binaryRequestHeader(null, tensors.input(), tensors.datatype(),
                    tensors.output(), count, width);
            byte[] body = tensors.body(header, rows, count, width);
            builder.header("Content-Type", "application/octet-stream")
                    .header(BinaryTensors.HEADER_LENGTH, Integer.toString(header.length))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(InferenceJson.request(null, tensors.input(),
                            tensors.datatype(), tensors.output(), rows, count, width)));
        }
        return send(builder.build()).handle((response, error) -> {
                    if (error != null) {
                        throw failure(error);
                    }
                    return decode(response, count);
                });
    }

    @Override
    public CompletableFuture<ModelInfo> modelInfo() {
        String path = infer.toString();
        URI metadata = URI.create(path.endsWith("/infer") ? path.substring(0, path.length() - "/infer".length())
                : path);
        HttpRequest.Builder request = HttpRequest.newBuilder(metadata).timeout(timeout).GET();
        headers.forEach(request::header);
        return send(request.build()).handle((response, error) -> {
                    if (error != null) {
                        throw failure(error);
                    }
                    int status = response.statusCode();
                    if (status != 200) {
                        throw new RemoteCallException("HTTP " + status + " from " + metadata + ": "
                                + errorOf(response.body()), status >= 500 || status == 429, false, refusal(status),
                                null);
                    }
                    try {
                        JsonNode body = JSON.readTree(response.body());
                        List<String> versions = new ArrayList<>();
                        body.path("versions").forEach(version -> versions.add(version.asText()));
                        return new ModelInfo(body.path("name").asText(), versions, tensors(body.path("inputs")),
                                tensors(body.path("outputs")));
                    } catch (IOException e) {
                        throw new RemoteCallException("the metadata from " + metadata + " is not JSON: "
                                + e.getMessage(), false, false, e);
                    }
                });
    }

    private static RemoteCallException.Refusal refusal(int status) {
        return status == 404 ? RemoteCallException.Refusal.NOT_FOUND
                : status == 401 || status == 403 ? RemoteCallException.Refusal.DENIED
                : RemoteCallException.Refusal.NONE;
    }

    private static List<Tensor> tensors(JsonNode array) {
        List<Tensor> tensors = new ArrayList<>();
        for (JsonNode tensor : array) {
            tensors.add(new Tensor(tensor.path("name").asText(), tensor.path("datatype").asText(),
                    RestScores.shape(tensor)));
        }
        return tensors;
    }

    /**
     * Sends {@code request}; once its response's headers are in, the body gets the timeout again, then the exchange
     * is cancelled, which closes its connection. The request's own timeout ends when the headers arrive: a server
     * that then stalls in the body would hold the call, and the scorer's batch and in-flight slot with it, forever.
     * The cancel runs on the JDK's delay thread, as {@link CompletableFuture#orTimeout}'s does.
     */
    private CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request) {
        CompletableFuture<Void> headersIn = new CompletableFuture<>();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, info -> {
            headersIn.complete(null);
            return new BoundedBodySubscriber(MAX_RESPONSE_BYTES, request.uri().toString());
        });
        headersIn.thenRun(() -> CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS,
                Runnable::run).execute(() -> exchange.cancel(true)));
        return exchange;
    }

    private RemoteCallException failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RemoteCallException call) {
            return call;
        }
        if (cause instanceof HttpTimeoutException) {
            return new RemoteCallException("timed out: " + cause.getMessage(), true, true, cause);
        }
        if (cause instanceof CancellationException) {
            return new RemoteCallException("timed out: the body did not follow the headers within "
                    + timeout.toMillis() + " ms", true, true, cause);
        }
        boolean retryable = cause instanceof ConnectException || cause instanceof IOException;
        return new RemoteCallException("request failed: " + cause, retryable, false, cause);
    }

    private Result decode(HttpResponse<byte[]> response, int count) {
        int status = response.statusCode();
        if (status != 200) {
            boolean retryable = status >= 500 || status == 429;
            throw new RemoteCallException("HTTP " + status + " from " + infer + ": " + errorOf(response.body()),
                    retryable, false, null);
        }
        String headerLength = response.headers().firstValue(BinaryTensors.HEADER_LENGTH).orElse(null);
        try {
            return headerLength == null ? decodeJson(JSON.readTree(response.body()), count)
                    : decodeBinary(response.body(), headerLength, count);
        } catch (IOException e) {
            throw new RemoteCallException("the response from " + infer + " is not JSON: " + e.getMessage(), false,
                    false, e);
        }
    }

    private Result decodeBinary(byte[] body, String headerLength, int count) throws IOException {
        int length;
        try {
            length = Integer.parseInt(headerLength.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > body.length) {
            throw new RemoteCallException("the response from " + infer + " has " + BinaryTensors.HEADER_LENGTH + " '"
                    + headerLength + "' for a body of " + body.length + " bytes", false, false, null);
        }
        JsonNode header = JSON.readTree(body, 0, length);
        return scores(header, body, length, count);
    }

    private Result decodeJson(JsonNode body, int count) {
        return scores(body, null, 0, count);
    }

    private Result scores(JsonNode header, byte[] body, int binaryStart, int count) {
        try {
            return new Result(RestScores.read(header, body, binaryStart, tensors, count), version(header));
        } catch (IllegalArgumentException e) {
            throw new RemoteCallException("the response from " + infer + " has no score per row: " + e.getMessage(),
                    false, false, e);
        }
    }

    private static String version(JsonNode body) {
        JsonNode version = body.get("model_version");
        return version == null || version.isNull() ? null : version.asText();
    }

    private static String errorOf(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body).get("error");
            return error == null ? new String(body, java.nio.charset.StandardCharsets.UTF_8) : error.asText();
        } catch (IOException e) {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads end when it is unreachable.
    }
}

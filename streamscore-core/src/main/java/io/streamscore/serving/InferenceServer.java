package io.streamscore.serving;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.streamscore.registry.ModelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Open Inference Protocol (KServe v2) REST server for the models of a registry ({@code streamscore serve}):
 * server and model health, server and model metadata, and inference, with batching across concurrent requests
 * ({@link ServerBatcher}) and the binary tensor data extension ({@link BinaryTensors}). Errors answer with the
 * protocol's {@code {"error": "..."}} body: 400 for a request that does not fit the model, 404 for an unknown model,
 * version or path, 405 for a wrong method (with {@code Allow}), 415 for an inference body declared as something
 * other than JSON ({@link JsonContentType}), 500 for a model that fails scoring a request that fits it (naming the
 * model, version and failure; {@link ModelFailures}), 503 for a model that cannot be loaded. HEAD is answered like GET
 * without the body. With a gRPC port it serves the protocol's gRPC form there too ({@link GrpcInferenceService}), from
 * the same loaded models and batchers. Binds to the given host only (127.0.0.1 by default in the CLI). Prometheus
 * metrics ({@link ServeMetrics}) are at {@code GET /metrics} on the REST port, over the same TLS when it has TLS.
 */
public final class InferenceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceServer.class);
    /** The largest request body read: 64 MiB, Triton's HTTP default too (about 4M values as binary FP64). */
    static final long MAX_REQUEST_BYTES = 64L << 20;
    private static final String BINARY_TYPE = "application/octet-stream";
    private static final Pattern MODEL_PATH =
            Pattern.compile("/v2/models/([^/]+)(?:/versions/([^/]+))?(/ready|/infer)?/?");

    private final HttpServer http;
    private final ExecutorService handlers;
    private final ServedModels models;
    private final ServeMetrics metrics;
    /** The gRPC form's server, or null when the config has no gRPC port. */
    private Server grpc;
    private volatile boolean ready;

    private InferenceServer(HttpServer http, ExecutorService handlers, ServeMetrics metrics, ServerConfig config,
                            ModelRegistry registry) {
        this.http = http;
        this.handlers = handlers;
        this.metrics = metrics;
        this.models = new ServedModels(registry, config.maxBatch(), config.maxWait(), metrics);
    }

    /**
     * Starts serving {@code config.registry()} on {@code config.host():config.port()} (port 0: any free port).
     *
     * @param filters applied to every request before it is handled (access logs, authentication, fault injection)
     */
    public static InferenceServer start(ServerConfig config, ModelRegistry registry, List<Filter> filters)
            throws IOException {
        JdkHttpServerDefaults.apply();
        HttpServer http = config.tls() == null
                ? HttpServer.create(new InetSocketAddress(config.host(), config.port()), 512) : https(config);
        ExecutorService handlers = Executors.newFixedThreadPool(config.threads(), runnable -> {
            Thread thread = new Thread(runnable, "streamscore-serve-http");
            thread.setDaemon(true);
            return thread;
        });
        InferenceServer server = new InferenceServer(http, handlers, new ServeMetrics(), config, registry);
        HttpContext context = http.createContext("/", server::handle);
        context.getFilters().addAll(filters);
        http.setExecutor(handlers);
        http.start();
        try {
            if (config.grpcPort() != ServerConfig.NO_GRPC) {
                NettyServerBuilder grpc = NettyServerBuilder.forAddress(
                        new InetSocketAddress(config.host(), config.grpcPort()));
                if (config.tls() != null) {
                    grpc.sslContext(grpcSslContext(config.tls()));
                }
                server.grpc = grpc.addService(new GrpcInferenceService(server.models, () -> server.ready,
                                server.metrics))
                        .directExecutor()
                        .build()
                        .start();
            }
            server.models.preload();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        server.ready = true;
        LOG.info("Serving registry {} over the Open Inference Protocol at {}/v2{}", registry.root(), server.url(),
                server.grpc == null ? "" : " and " + server.grpcTarget() + " (gRPC)");
        return server;
    }

    private static HttpsServer https(ServerConfig config) throws IOException {
        SSLContext context;
        try {
            context = config.tls().sslContext();
        } catch (GeneralSecurityException e) {
            throw cannotServe(config.tls(), e);
        }
        HttpsServer https = HttpsServer.create(new InetSocketAddress(config.host(), config.port()), 512);
        boolean clientCertificates = config.tls().clientCa() != null;
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(clientCertificates);
                parameters.setSSLParameters(ssl);
            }
        });
        return https;
    }

    private static SslContext grpcSslContext(ServerTls tls) throws IOException {
        try {
            return tls.grpcSslContext();
        } catch (GeneralSecurityException e) {
            throw cannotServe(tls, e);
        }
    }

    private static IOException cannotServe(ServerTls tls, GeneralSecurityException e) {
        return new IOException("cannot serve TLS with " + tls.certificateChain() + " and " + tls.privateKey()
                + (tls.clientCa() == null ? "" : " (client CA " + tls.clientCa() + ")") + ": " + e.getMessage(), e);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return (http instanceof HttpsServer ? "https://" : "http://") + http.getAddress().getHostString() + ":"
                + port();
    }

    /** The gRPC form's port, or {@value ServerConfig#NO_GRPC} when it is not served. */
    public int grpcPort() {
        return grpc == null ? ServerConfig.NO_GRPC : grpc.getPort();
    }

    /** The gRPC form's address, e.g. {@code grpc://127.0.0.1:8081} (what {@code model.remote.url} takes), or null. */
    public String grpcTarget() {
        return grpc == null ? null : (http instanceof HttpsServer ? "grpcs://" : "grpc://")
                + http.getAddress().getHostString() + ":" + grpcPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            try {
                route(exchange, exchange.getRequestURI().getPath(), body);
            } catch (InferenceException e) {
                send(exchange, e.status(), InferenceJson.error(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("Request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                send(exchange, 500, InferenceJson.error("internal error: " + e));
            }
        }
    }

    private void route(HttpExchange exchange, String path, InputStream body) throws IOException {
        switch (path) {
            case "/v2", "/v2/" -> {
                requireMethod(exchange, AllowedMethods.GET);
                send(exchange, 200, InferenceJson.serverMetadata("2"));
            }
            case "/v2/health/live" -> {
                requireMethod(exchange, AllowedMethods.GET);
                send(exchange, 200, null);
            }
            case "/v2/health/ready" -> {
                requireMethod(exchange, AllowedMethods.GET);
                send(exchange, ready ? 200 : 503, null);
            }
            case ServeMetrics.PATH -> {
                requireMethod(exchange, AllowedMethods.GET);
                metrics.handler().handle(exchange);
            }
            default -> routeModel(exchange, path, body);
        }
    }

    private void routeModel(HttpExchange exchange, String path, InputStream body) throws IOException {
        Matcher matcher = MODEL_PATH.matcher(path);
        if (!matcher.matches()) {
            throw InferenceException.notFound("no such endpoint: " + path + "; the endpoints are /v2, "
                    + "/v2/health/live, /v2/health/ready, /v2/models/{name}[/versions/{version}][/ready|/infer], "
                    + ServeMetrics.PATH);
        }
        String name = matcher.group(1);
        String version = matcher.group(2);
        String action = matcher.group(3);
        if ("/infer".equals(action)) {
            requireMethod(exchange, AllowedMethods.POST);
            inferCounted(exchange, name, version, body);
            return;
        }
        requireMethod(exchange, AllowedMethods.GET);
        if ("/ready".equals(action)) {
            models.get(name, version);
            send(exchange, 200, null);
        } else {
            send(exchange, 200, InferenceJson.modelMetadata(models.get(name, version).signature(),
                    models.versions(name)));
        }
    }

    /** Inference, counted in its version's metrics (or with no version, when it reaches none) whatever it answers. */
    private void inferCounted(HttpExchange exchange, String name, String version, InputStream body)
            throws IOException {
        long received = System.nanoTime();
        RequestMetrics counted = metrics.unresolved();
        try {
            ServedModels.ServedModel model = models.get(name, version);
            counted = model.metrics();
            infer(exchange, model, body, received);
        } catch (RuntimeException e) {
            counted.failed(RequestMetrics.Protocol.REST, e, received);
            throw e;
        }
    }

    private void infer(HttpExchange exchange, ServedModels.ServedModel model, InputStream body, long received)
            throws IOException {
        requireJsonBody(exchange);
        InputStream bounded = BoundedBody.of(body, exchange.getRequestHeaders().getFirst("Content-Length"),
                MAX_REQUEST_BYTES);
        InferenceRequestReader.Request request = InferenceRequestReader.read(bounded,
                exchange.getRequestHeaders().getFirst(BinaryTensors.HEADER_LENGTH), model.signature());
        double[] scores;
        try {
            scores = model.batcher().score(request.rows()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException(503, "the server is stopping; retry");
        } catch (ExecutionException e) {
            throw InferenceException.ofScoring(e.getCause());
        }
        byte[] response = InferenceJson.response(model.signature(), request.id(), scores, request.binaryOutput());
        model.metrics().answered(RequestMetrics.Protocol.REST, 200, received);
        if (request.binaryOutput()) {
            exchange.getResponseHeaders().set(BinaryTensors.HEADER_LENGTH, Integer.toString(response.length));
            HttpResponses.send(exchange, 200, BINARY_TYPE, BinaryTensors.body(response, scores));
        } else {
            send(exchange, 200, response);
        }
    }

    private static void requireMethod(HttpExchange exchange, AllowedMethods methods) {
        if (!methods.allows(exchange.getRequestMethod())) {
            throw new InferenceException(405, methods.refuse(exchange));
        }
    }

    /** JSON, or with the binary extension's header also the octet stream its clients (Streamscore's too) send. */
    private static void requireJsonBody(HttpExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean binary = exchange.getRequestHeaders().containsKey(BinaryTensors.HEADER_LENGTH);
        if (!JsonContentType.accepts(contentType)
                && !(binary && JsonContentType.mediaType(contentType).equals(BINARY_TYPE))) {
            throw new InferenceException(415, JsonContentType.refusal(contentType, JsonContentType.JSON
                    + (binary ? " or " + BINARY_TYPE : " (or as " + BINARY_TYPE + " with the binary tensor data "
                    + "extension's " + BinaryTensors.HEADER_LENGTH + " header)")));
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        HttpResponses.send(exchange, status, JsonContentType.JSON, body);
    }

    /** Stops accepting requests, waits up to a second (per form) for those being answered, unloads the models. */
    @Override
    public void close() {
        ready = false;
        if (grpc != null) {
            grpc.shutdown();
        }
        http.stop(1);
        if (grpc != null) {
            try {
                grpc.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            grpc.shutdownNow();
        }
        models.close();
        handlers.shutdownNow();
    }
}

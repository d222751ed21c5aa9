package io.streamscore.cli.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamscore.serving.AllowedMethods;
import io.streamscore.serving.HttpResponses;
import io.streamscore.serving.JdkHttpServerDefaults;
import io.streamscore.serving.JsonContentType;
import io.streamscore.spec.SecretValue;
import io.streamscore.spec.ServingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature-serving API over HTTP (the JDK's server), reading the Redis feature store:
 * <pre>
 * GET  /v1/features/{entity}                 one vector; 404 when the store has none
 * GET  /v1/features?entity=a&amp;entity=b   several, in order, each with "found"
 * POST /v1/features  {"entities": ["a","b"]}  the same for long lists
 * </pre>
 * HEAD is answered like GET without the body; another method is a 405 with {@code Allow}, another path a 404.
 * A vector is {@code {"entity", "found", "valid_at", "event_id", "features": {name: value|null}}}. A POST body
 * declared as another type than JSON is refused with 415 ({@link JsonContentType}). With a token
 * configured every request needs {@code Authorization: Bearer <token>} (else 401). Binds 127.0.0.1 by default.
 */
public final class FeatureServer implements AutoCloseable {
    public static final int MAX_BATCH = 1000;
    public static final int THREADS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(FeatureServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/v1/features";
    /** A batch body's limit: 1,000 entities of up to ~1 KB each. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final AllowedMethods BATCH_METHODS = AllowedMethods.of("GET", "POST");
    private static final String BATCH_FORM = "name entities as ?entity=a&entity=b, or POST {\"entities\": [\"a\", "
            + "\"b\"]}";

    private final HttpServer server;
    private final ExecutorService executor;
    private final FeatureLookup lookup;
    private final byte[] token;

    private FeatureServer(HttpServer server, ExecutorService executor, FeatureLookup lookup, SecretValue token) {
        this.server = server;
        this.executor = executor;
        this.lookup = lookup;
        this.token = token == null ? null : ("Bearer " + token.reveal()).getBytes(StandardCharsets.UTF_8);
    }

    /** Starts serving {@code lookup} as {@code spec} says; closing the server closes the lookup. */
    public static FeatureServer start(ServingSpec spec, FeatureLookup lookup) throws IOException {
        JdkHttpServerDefaults.apply();
        HttpServer server = HttpServer.create(new InetSocketAddress(spec.host(), spec.port()), 256);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "feature-server");
            thread.setDaemon(true);
            return thread;
        });
        FeatureServer featureServer = new FeatureServer(server, executor, lookup, spec.token());
        server.createContext("/", featureServer::handle); // every path: the JDK's own 404 for others is HTML
        server.setExecutor(executor);
        server.start();
        LOG.info("feature-serving API at {}", featureServer.url());
        return featureServer;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:7070/v1/features}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort() + PREFIX;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        // The 503 is sent inside the try-with-resources: its catch would run after the exchange is closed.
        try (exchange) {
            try {
                if (!authorized(exchange)) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                    reply(exchange, 401, Map.of("error", "missing or wrong bearer token"));
                    return;
                }
                route(exchange);
            } catch (RuntimeException e) {
                LOG.warn("feature request {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
                reply(exchange, 503, Map.of("error", "feature store unavailable: " + e.getClass().getSimpleName()));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean single = path.startsWith(PREFIX + "/") && path.length() > PREFIX.length() + 1;
        if (!single && !path.equals(PREFIX)) {
            reply(exchange, 404, Map.of("error", "no such endpoint: " + exchange.getRequestMethod() + " " + path
                    + "; use GET " + PREFIX + "/{entity}, GET " + PREFIX + "?entity=..., or POST " + PREFIX));
            return;
        }
        AllowedMethods methods = single ? AllowedMethods.GET : BATCH_METHODS;
        if (!methods.allows(exchange.getRequestMethod())) {
            reply(exchange, 405, Map.of("error", methods.refuse(exchange)));
        } else if (single) {
            // Percent-decoding only: URLDecoder is for query strings, where '+' is a space; in a path it is a '+'.
            FeatureLookup.Row row = lookup.get(exchange.getRequestURI().getPath().substring(PREFIX.length() + 1));
            reply(exchange, row.found() ? 200 : 404, FeatureJson.row(row));
        } else {
            routeBatch(exchange);
        }
    }

    private void routeBatch(HttpExchange exchange) throws IOException {
        List<String> entities;
        try {
            entities = exchange.getRequestMethod().equals("POST") ? bodyEntities(exchange) : queryEntities(exchange);
        } catch (RequestProblem problem) {
            reply(exchange, problem.status, Map.of("error", problem.getMessage() + "; " + BATCH_FORM));
            return;
        }
        if (entities.isEmpty() || entities.size() > MAX_BATCH) {
            reply(exchange, 400, Map.of("error", "name 1 to " + MAX_BATCH + " entities, not "
                    + entities.size() + ": " + BATCH_FORM));
            return;
        }
        reply(exchange, 200, FeatureJson.batch(lookup.getAll(entities)));
    }

    private boolean authorized(HttpExchange exchange) {
        if (token == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && MessageDigest.isEqual(token, header.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> queryEntities(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        List<String> entities = new ArrayList<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals("entity")) {
                entities.add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return entities;
    }

    /** The entities of a POST body, {@code {"entities": ["a", "b"]}}, read up to {@value #MAX_BODY_BYTES} bytes. */
    private static List<String> bodyEntities(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!JsonContentType.accepts(contentType)) {
            throw new RequestProblem(415, JsonContentType.refusal(contentType, JsonContentType.JSON));
        }
        byte[] bytes;
        try (InputStream body = exchange.getRequestBody()) {
            bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RequestProblem(413, "the body is over " + (MAX_BODY_BYTES >> 20) + " MiB");
        }
        JsonNode entities;
        try {
            entities = JSON.readTree(bytes).path("entities");
        } catch (IOException e) {
            throw new RequestProblem(400, "the body is not valid JSON");
        }
        if (!entities.isArray()) {
            throw new RequestProblem(400, "the body has no \"entities\" array");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode entity : entities) {
            if (!entity.isTextual()) {
                throw new RequestProblem(400, "entity " + entity + " is not a string");
            }
            names.add(entity.asText());
        }
        return names;
    }

    /** A batch request the server refuses, with its status. */
    private static final class RequestProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        RequestProblem(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        HttpResponses.send(exchange, status, JsonContentType.JSON, JSON.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        lookup.close();
    }
}

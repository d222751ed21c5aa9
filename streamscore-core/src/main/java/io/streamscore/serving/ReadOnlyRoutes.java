package io.streamscore.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one handler of a JDK HTTP server whose paths are only read (the dashboard, the metrics endpoint): it hands a
 * GET or HEAD of a known path to that path's handler, and answers the rest in plain text that names the paths: 404
 * for another path, 405 with {@code Allow: GET, HEAD} for another method. Register it as the context {@code "/"}
 * and no other: the JDK matches contexts by prefix, so a context {@code "/api/snapshot"} would also answer
 * {@code /api/snapshot/x} and {@code /api/snapshotx}. The path handlers answer HEAD without a body
 * ({@link HttpResponses#send}).
 */
public final class ReadOnlyRoutes implements HttpHandler {
    private final Map<String, HttpHandler> routes;

    /** @param routes handlers by exact path (decoded, without the query) */
    public ReadOnlyRoutes(Map<String, HttpHandler> routes) {
        this.routes = new LinkedHashMap<>(routes);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpHandler route = routes.get(exchange.getRequestURI().getPath());
        if (route != null && AllowedMethods.GET.allows(exchange.getRequestMethod())) {
            route.handle(exchange);
            return;
        }
        try (exchange) {
            if (route == null) {
                refuse(exchange, 404, "no such path: " + exchange.getRequestURI().getPath() + "; this server answers "
                        + String.join(", ", routes.keySet()));
            } else {
                refuse(exchange, 405, AllowedMethods.GET.refuse(exchange));
            }
        }
    }

    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        HttpResponses.send(exchange, status, "text/plain; charset=utf-8",
                (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}

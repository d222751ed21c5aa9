package io.streamscore.serving;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Sends a whole response on a JDK HTTP server, and for a HEAD request the same status and headers without the body.
 * The JDK does not do that itself: given a body length for a HEAD request it sends no {@code Content-Length} and
 * fails the handler that then writes the body.
 */
public final class HttpResponses {
    private HttpResponses() {}

    /** Sends {@code status} with {@code body} as {@code contentType}, or no body at all when {@code body} is null. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (body != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        int length = body == null ? 0 : body.length;
        if (isHead(exchange)) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    public static boolean isHead(HttpExchange exchange) {
        return exchange.getRequestMethod().equals("HEAD");
    }
}

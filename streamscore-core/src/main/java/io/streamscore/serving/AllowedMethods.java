package io.streamscore.serving;

import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods one path of a JDK HTTP server takes, for the 405 every Streamscore server answers a wrong method with:
 * HTTP requires its {@code Allow} header to list them. Wherever GET is allowed HEAD is too, answered like GET without
 * the body ({@link HttpResponses#send}), as HTTP asks of every server.
 */
public final class AllowedMethods {
    /** A path that is only read: GET and HEAD. */
    public static final AllowedMethods GET = of("GET");
    public static final AllowedMethods POST = of("POST");

    private final List<String> methods;

    private AllowedMethods(List<String> methods) {
        this.methods = List.copyOf(methods);
    }

    /** {@code methods}, with HEAD after GET when GET is one of them. */
    public static AllowedMethods of(String... methods) {
        List<String> all = new ArrayList<>();
        for (String method : methods) {
            all.add(method);
            if (method.equals("GET")) {
                all.add("HEAD");
            }
        }
        return new AllowedMethods(all);
    }

    public boolean allows(String method) {
        return methods.contains(method);
    }

    /** The {@code Allow} header's value, e.g. {@code GET, HEAD}. */
    public String header() {
        return String.join(", ", methods);
    }

    /**
     * Sets the {@code Allow} header of the answer to {@code exchange}, a request with another method, and says why it
     * is refused, e.g. {@code /v2 takes GET or HEAD, not POST}; the server sends the 405 in its own error format.
     */
    public String refuse(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Allow", header());
        String listed = methods.size() == 1 ? methods.get(0)
                : String.join(", ", methods.subList(0, methods.size() - 1)) + " or " + methods.get(methods.size() - 1);
        return exchange.getRequestURI().getPath() + " takes " + listed + ", not " + exchange.getRequestMethod();
    }
}

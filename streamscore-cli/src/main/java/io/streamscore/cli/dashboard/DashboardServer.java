package io.streamscore.cli.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.streamscore.serving.HttpResponses;
import io.streamscore.serving.JdkHttpServerDefaults;
import io.streamscore.serving.ReadOnlyRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard: one page ({@code /}) drawn with uPlot (vendored in the jar with its MIT license, served from
 * here, never from a CDN), fed by server-sent events ({@code /api/events}, a snapshot a second) or, with
 * {@code ?mode=poll}, by polling {@code /api/snapshot}. It binds 127.0.0.1 only. The numbers come from the pipeline's
 * Prometheus endpoint ({@link DashboardModel}), scraped once a second. Every path answers GET and HEAD; another path
 * is a 404 and another method a 405 ({@link ReadOnlyRoutes}).
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    public static final String HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    static final long PUSH_MILLIS = 1000;
    private static final String RESOURCES = "/io/streamscore/cli/dashboard/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/dashboard.js", "dashboard.js",
            "/dashboard.css", "dashboard.css",
            "/uPlot.iife.min.js", "uPlot.iife.min.js",
            "/uPlot.min.css", "uPlot.min.css",
            "/uPlot-LICENSE.txt", "uPlot-LICENSE.txt");

    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final DashboardModel model;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(daemon("streamscore-dashboard"));
    private final ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor(
            daemon("streamscore-dashboard-scraper"));
    private volatile boolean running = true;

    private DashboardServer(DashboardModel model, HttpServer server) {
        this.model = model;
        this.server = server;
    }

    /** Starts serving on 127.0.0.1:{@code port} (0: a free port) and scraping once a second. */
    public static DashboardServer start(DashboardModel model, int port) {
        JdkHttpServerDefaults.apply();
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(HOST, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve the dashboard on " + HOST + ":" + port
                    + " (--dashboard-port: choose a free port, or 0 for any)", e);
        }
        DashboardServer dashboard = new DashboardServer(model, http);
        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        routes.put("/", dashboard::serveFile);
        routes.put("/api/snapshot", dashboard::serveSnapshot);
        routes.put("/api/events", dashboard::serveEvents);
        new TreeMap<>(FILES).keySet().forEach(path -> routes.putIfAbsent(path, dashboard::serveFile));
        http.createContext("/", new ReadOnlyRoutes(routes));
        http.setExecutor(dashboard.handlers);
        http.start();
        dashboard.scraper.scheduleWithFixedDelay(model::refresh, 0, PUSH_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("dashboard at {}", dashboard.url());
        return dashboard;
    }

    public String url() {
        return "http://" + HOST + ":" + server.getAddress().getPort();
    }

    private void serveFile(HttpExchange exchange) throws IOException {
        String file = FILES.get(exchange.getRequestURI().getPath());
        try (exchange; InputStream in = DashboardServer.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) { // a jar built without the file
                HttpResponses.send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpResponses.send(exchange, 200, contentType(file), in.readAllBytes());
        }
    }

    private void serveSnapshot(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpResponses.send(exchange, 200, "application/json", json.writeValueAsBytes(model.snapshot()));
        }
    }

    /** Server-sent events: a snapshot a second until the page goes away or the dashboard stops. */
    private void serveEvents(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            if (HttpResponses.isHead(exchange)) {
                exchange.sendResponseHeaders(200, -1); // a stream has no length to announce
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            while (running) {
                out.write("data: ".getBytes(StandardCharsets.UTF_8));
                out.write(json.writeValueAsBytes(model.snapshot()));
                out.write("\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(PUSH_MILLIS);
            }
        } catch (IOException e) {
            // the page closed the stream: nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return file.endsWith(".css") ? "text/css; charset=utf-8" : "text/plain; charset=utf-8";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        running = false;
        scraper.shutdownNow();
        server.stop(0);
        handlers.shutdownNow();
    }
}

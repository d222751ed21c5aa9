package io.streamscore.serving.client;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.streamscore.serving.InferenceJson;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults at the server, in front of every request: delays, or error statuses for the next N requests. */
final class FaultInjectionFilter extends Filter {
    private volatile long delayMillis;
    private volatile int errorStatus;
    private final AtomicInteger errorsLeft = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    void delay(long millis) {
        delayMillis = millis;
    }

    void fail(int status, int times) {
        errorStatus = status;
        errorsLeft.set(times);
    }

    void heal() {
        delayMillis = 0;
        errorsLeft.set(0);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        requests.incrementAndGet();
        if (errorsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            byte[] body = InferenceJson.error("injected fault");
            exchange.sendResponseHeaders(errorStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        long delay = delayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "fault injection";
    }
}

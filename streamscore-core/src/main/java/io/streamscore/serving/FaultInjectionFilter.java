package io.streamscore.serving;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults at the server, in front of every request: delays, error statuses for the next N requests, or a response
 * that stalls after its headers. For fault
 * tests and drills against a real {@link InferenceServer}: pass it in {@code start}'s filters, then switch faults on
 * and off while clients run. Without a fault set it only counts requests.
 */
public final class FaultInjectionFilter extends Filter {
    private volatile long delayMillis;
    private volatile int errorStatus;
    private volatile long stallMillis;
    private final AtomicInteger errorsLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    /** Delays every request by {@code millis} before handling it (0: no delay). */
    public void delay(long millis) {
        delayMillis = millis;
    }

    /** Answers the next {@code times} requests with {@code status} and the protocol's error body. */
    public void fail(int status, int times) {
        errorStatus = status;
        errorsLeft.set(times);
    }

    /**
     * Answers every request with 200 and its headers at once, then holds the body back for {@code millis} (0: no
     * stall), as a server hung mid-response does; the body that finally comes is {@code {}}, no inference response.
     */
    public void stallBody(long millis) {
        stallMillis = millis;
    }

    /** Clears every fault. */
    public void heal() {
        delayMillis = 0;
        stallMillis = 0;
        errorsLeft.set(0);
    }

    /** Requests seen so far, faulted or not. */
    public int requests() {
        return requests.get();
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
        long stall = stallMillis;
        if (stall > 0) {
            byte[] body = {'{', '}'};
            exchange.getResponseHeaders().set("Content-Type", JsonContentType.JSON);
            exchange.sendResponseHeaders(200, body.length);
            sleep(stall);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        sleep(delayMillis);
        chain.doFilter(exchange);
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String description() {
        return "fault injection";
    }
}

package io.streamscore.serving.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FallbackLogTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final List<String> lines = new ArrayList<>();
    private final FallbackLog log = new FallbackLog("http://127.0.0.1:8080/v2/models/fraud/infer", clock::get,
            lines::add);

    @Test
    void theFirstFallbackIsLoggedAtOnceWithItsReason() {
        log.fellBack(64, "HTTP 503 from the server");

        assertThat(lines).singleElement().asString()
                .contains("http://127.0.0.1:8080/v2/models/fraud/infer", "64 event(s)", "HTTP 503 from the server");
    }

    @Test
    void laterFallbacksAreSummedUpAtMostOncePerIntervalWithTheLatestReason() {
        log.fellBack(10, "timeout after 50 ms");
        for (int i = 0; i < 100; i++) {
            clock.addAndGet(SECOND / 20); // 5 s in all: within the interval
            log.fellBack(8, i < 99 ? "timeout after 50 ms" : "connection refused");
        }
        assertThat(lines).hasSize(1);

        clock.addAndGet(5 * SECOND);
        log.fellBack(2, "connection refused");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("101 batch(es)", "802 event(s)", "last 10 s", "connection refused");
        clock.addAndGet(SECOND);
        log.fellBack(1, "HTTP 500");
        assertThat(lines).as("the count starts again after each line").hasSize(2);
        clock.addAndGet(10 * SECOND);
        log.fellBack(1, "HTTP 500");
        assertThat(lines.get(2)).contains("2 batch(es)", "2 event(s)", "last 11 s", "HTTP 500");
    }
}

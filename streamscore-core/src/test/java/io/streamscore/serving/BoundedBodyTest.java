package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** A request body is read up to the server's limit and refused with 413 past it, announced or not. */
class BoundedBodyTest {
    private static final long LIMIT = 2L << 20;

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws Exception {
        byte[] body = new byte[(int) LIMIT];

        assertThat(BoundedBody.of(new ByteArrayInputStream(body), null, LIMIT).readAllBytes()).hasSize(body.length);
        assertThat(BoundedBody.of(new ByteArrayInputStream(body), Long.toString(LIMIT), LIMIT).readAllBytes())
                .hasSize(body.length);
    }

    @Test
    void anUnannouncedBodyIsRefusedOnceItPassesTheLimit() {
        InputStream body = BoundedBody.of(new ByteArrayInputStream(new byte[(int) LIMIT + 1]), null, LIMIT);

        assertThatThrownBy(body::readAllBytes).isInstanceOfSatisfying(InferenceException.class, e -> {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.getMessage()).startsWith("the request body is over the server's limit of 2 MiB");
        });
    }

    @Test
    void anAnnouncedLengthOverTheLimitIsRefusedBeforeReading() {
        assertThatThrownBy(() -> BoundedBody.of(InputStream.nullInputStream(), " " + (LIMIT + 1), LIMIT))
                .isInstanceOfSatisfying(InferenceException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> BoundedBody.of(InputStream.nullInputStream(), "lots", LIMIT))
                .isInstanceOfSatisfying(InferenceException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}

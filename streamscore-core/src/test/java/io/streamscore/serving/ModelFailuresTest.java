package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model failing every request writes its stack trace to the log once per distinct cause, not once per request. */
class ModelFailuresTest {
    private record Line(String message, Throwable failure) {}

    private final List<Line> lines = new ArrayList<>();
    private final ModelFailures failures = new ModelFailures("fraud", 3, (m, e) -> lines.add(new Line(m, e)));

    @Test
    void theSameCauseIsLoggedOnceWithItsStackTraceAndEveryRequestGetsA500NamingIt() {
        IllegalStateException cause = new IllegalStateException("shape mismatch");
        for (int i = 0; i < 100; i++) {
            InferenceException answer = failures.failed(cause);

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.getMessage()).isEqualTo("model 'fraud' version 3 failed scoring the request: "
                    + "java.lang.IllegalStateException: shape mismatch");
        }

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.message()).startsWith("model 'fraud' version 3 failed scoring a batch");
            assertThat(line.failure()).isSameAs(cause);
        });
    }

    @Test
    void distinctCausesAreLoggedUpToTheBoundThenOneLineSaysTheRestAreNot() {
        for (int i = 0; i < ModelFailures.MAX_CAUSES + 50; i++) {
            failures.failed(new IllegalStateException("failed on row " + i));
            failures.failed(new IllegalStateException("failed on row " + i));
        }

        assertThat(lines).hasSize(ModelFailures.MAX_CAUSES + 1);
        assertThat(lines.get(ModelFailures.MAX_CAUSES).message()).contains("16 distinct causes",
                "further ones answer 500 without being logged", "failed on row 16");
        assertThat(lines.get(ModelFailures.MAX_CAUSES).failure()).isNull();
    }

    @Test
    void anErrorSuchAsANativeFailureIsAnsweredTheSameWay() {
        assertThat(failures.failed(new OutOfMemoryError("Direct buffer memory")).getMessage())
                .endsWith("failed scoring the request: java.lang.OutOfMemoryError: Direct buffer memory");
    }
}

package io.streamscore.spec;

import java.time.Duration;
import java.util.Objects;

/** One click feature of a join: a column named {@code name}, {@code measure} over the clicks in {@code window}. */
public record ClickFeatureSpec(String name, ClickMeasure measure, Duration window) {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    public ClickFeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(window, "window");
    }
}

package io.streamscore.spec;

import java.time.Duration;

/**
 * Flink's changelog state backend ({@code runtime.changelog}): every state change is also appended to a log beside
 * the checkpoints, so a checkpoint persists only the changes since the last one instead of a snapshot of all state:
 * shorter where a checkpoint interval touches few of the keys (docs/benchmarks.md measures it). The
 * state backend's own full snapshot (materialization) runs in the background every {@code materialization}
 * ({@code runtime.changelog_materialization}); a restore reads the newest one and replays the log after it, so a
 * longer period costs a longer recovery and less CPU.
 */
public record ChangelogSpec(boolean enabled, Duration materialization) {
    public static final Duration DEFAULT_MATERIALIZATION = Duration.ofMinutes(10);
    public static final Duration MIN_MATERIALIZATION = Duration.ofSeconds(1);
    public static final Duration MAX_MATERIALIZATION = Duration.ofHours(24);
    public static final ChangelogSpec OFF = new ChangelogSpec(false, DEFAULT_MATERIALIZATION);

    public ChangelogSpec {
        if (materialization == null || materialization.compareTo(MIN_MATERIALIZATION) < 0
                || materialization.compareTo(MAX_MATERIALIZATION) > 0) {
            throw new IllegalArgumentException("changelog_materialization must be 1s .. 1d, was " + materialization);
        }
    }

    public static ChangelogSpec on(Duration materialization) {
        return new ChangelogSpec(true, materialization);
    }
}

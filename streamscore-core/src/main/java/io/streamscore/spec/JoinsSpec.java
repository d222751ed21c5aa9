package io.streamscore.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code joins} section: the events of {@code source} (transactions) each get click features as of their own
 * time and the columns of the profile version valid at their time. Each transaction waits until the watermark has
 * passed its time plus the other sources' allowed lateness, or for {@code maxWait} of wall-clock time at most when
 * a stream stalls. Their columns follow the feature columns in {@code Event.features}: clicks', then profiles'.
 *
 * @param clicks null when no click stream is joined
 * @param profiles null when no profile table is joined
 */
public record JoinsSpec(String source, Duration maxWait, ClickJoinSpec clicks, ProfileJoinSpec profiles) {
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
    public static final JoinsSpec NONE = new JoinsSpec(null, DEFAULT_MAX_WAIT, null, null);

    public boolean isEmpty() {
        return source == null;
    }

    /** The column names the join adds, in order. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        if (clicks != null) {
            clicks.features().forEach(f -> columns.add(f.name()));
        }
        if (profiles != null) {
            profiles.columns().forEach(c -> columns.add(c.name()));
        }
        return columns;
    }

    /** The columns of {@code Event.features} after the join: {@code planColumns} (the feature plan's), then these. */
    public List<String> columnsAfter(List<String> planColumns) {
        List<String> all = new ArrayList<>(planColumns);
        all.addAll(columns());
        return List.copyOf(all);
    }

    /** The sources the join consumes besides {@link #source}: clicks, then profiles, when configured. */
    public List<String> joinedSources() {
        List<String> names = new ArrayList<>();
        if (clicks != null) {
            names.add(clicks.source());
        }
        if (profiles != null) {
            names.add(profiles.source());
        }
        return names;
    }
}

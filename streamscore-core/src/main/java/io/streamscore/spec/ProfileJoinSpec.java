package io.streamscore.spec;

import java.util.List;
import java.util.Objects;

/** The CDC dimension joined per user in event time: its change-event source and the columns taken from it. */
public record ProfileJoinSpec(String source, List<ProfileColumnSpec> columns) {
    public ProfileJoinSpec {
        Objects.requireNonNull(source, "source");
        columns = List.copyOf(columns);
    }
}

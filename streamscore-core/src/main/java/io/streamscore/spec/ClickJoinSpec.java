package io.streamscore.spec;

import java.util.List;
import java.util.Objects;

/** The click stream joined per user: its source and the click features each transaction gets. */
public record ClickJoinSpec(String source, List<ClickFeatureSpec> features) {
    public ClickJoinSpec {
        Objects.requireNonNull(source, "source");
        features = List.copyOf(features);
    }
}

package io.streamscore.spec;

import java.util.List;
import java.util.Map;

/** Spec fragments shared by the stores and secrets tests. */
final class StoresSectionTestFixtures {
    static final List<Map<String, Object>> ONE_FEATURE = List.of(
            Map.of("name", "user_tx_1h", "aggregation", "count", "window", "1h"));

    private StoresSectionTestFixtures() {}
}

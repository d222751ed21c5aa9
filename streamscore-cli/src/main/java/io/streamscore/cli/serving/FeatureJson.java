package io.streamscore.cli.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the feature-serving API, as maps Jackson writes in order. */
final class FeatureJson {
    private FeatureJson() {}

    static Map<String, Object> row(FeatureLookup.Row row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entity", row.entity());
        json.put("found", row.found());
        if (row.found()) {
            json.put("valid_at", row.validAt());
            json.put("event_id", row.eventId());
            json.put("features", row.features());
        }
        return json;
    }

    static Map<String, Object> batch(List<FeatureLookup.Row> rows) {
        return Map.of("results", rows.stream().map(FeatureJson::row).toList());
    }
}

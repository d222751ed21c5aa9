package io.streamscore.cli.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The newest alerts read from the alerts topic (rule alerts and drift alerts), for the dashboard's feed. Thread-safe.
 */
public final class RecentAlerts {
    public static final int CAPACITY = 50;

    private final Deque<Map<String, Object>> alerts = new ArrayDeque<>();

    /**
     * Keeps the fields a reader scans for: when, which rule, about what, the model's score when the rule used it, and
     * the drift figures when it is one.
     */
    public synchronized void add(JsonNode alert) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("rule", alert.path("rule").asText());
        entry.put("key", alert.path("key").asText());
        entry.put("event_time", alert.path("event_time").asLong());
        entry.put("output_time", alert.path("output_time").asLong());
        if (alert.path("score").isNumber()) {
            entry.put("score", alert.path("score").asDouble());
        }
        if (alert.has("psi")) {
            entry.put("feature", alert.path("feature").asText());
            entry.put("psi", alert.path("psi").asDouble());
        }
        alerts.addFirst(entry);
        while (alerts.size() > CAPACITY) {
            alerts.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<Map<String, Object>> newest(int count) {
        List<Map<String, Object>> newest = new ArrayList<>(Math.min(count, alerts.size()));
        for (Map<String, Object> alert : alerts) {
            if (newest.size() == count) {
                break;
            }
            newest.add(alert);
        }
        return newest;
    }
}

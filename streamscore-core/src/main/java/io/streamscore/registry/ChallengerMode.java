package io.streamscore.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a challenger runs next to the champion. A shadow scores every event but its scores are only recorded, never
 * acted on; a canary's scores replace the champion's for a share of the traffic.
 */
public enum ChallengerMode {
    SHADOW,
    CANARY;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChallengerMode fromId(String id) {
        for (ChallengerMode mode : values()) {
            if (mode.id().equalsIgnoreCase(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a challenger mode; use shadow or canary");
    }
}

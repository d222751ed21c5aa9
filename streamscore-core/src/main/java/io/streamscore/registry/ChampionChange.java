package io.streamscore.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One entry of a model's append-only champion history: who made which version the champion, when and why.
 * {@code fromVersion} is the champion it replaced (null for the first promotion).
 */
public record ChampionChange(Kind kind, Integer fromVersion, int toVersion, String by, long atMillis, String reason) {
    /** Promotions push onto the champion history; a rollback undoes the latest promotion still in effect. */
    public enum Kind {
        PROMOTE,
        ROLLBACK;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromId(String id) {
            for (Kind kind : values()) {
                if (kind.id().equals(id)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("'" + id + "' is not promote or rollback");
        }
    }

    public ChampionChange {
        if (kind == null) {
            throw new IllegalArgumentException("kind: required, promote or rollback");
        }
        if (toVersion < 1) {
            throw new IllegalArgumentException("to_version: " + toVersion + " is not a positive integer");
        }
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("by: required, who made the change");
        }
        reason = reason == null ? "" : reason;
    }
}

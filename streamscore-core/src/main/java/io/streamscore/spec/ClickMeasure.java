package io.streamscore.spec;

import java.util.Locale;

/** What a click feature of a join measures over the user's clicks in its window, as of a transaction's time. */
public enum ClickMeasure {
    /** Every click. */
    CLICKS(null),
    /** Clicks whose {@code action} is {@code view}. */
    PAGES_VIEWED("action"),
    /** Clicks whose {@code action} is {@code login_failed}. */
    FAILED_LOGINS("action"),
    /** Milliseconds since the first click of the session of the latest click in the window; NaN without one. */
    SESSION_AGE("session_id");

    private final String requiredField;

    ClickMeasure(String requiredField) {
        this.requiredField = requiredField;
    }

    /** The click field this measure reads ({@code action}, {@code session_id}); null when it reads none. */
    public String requiredField() {
        return requiredField;
    }

    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

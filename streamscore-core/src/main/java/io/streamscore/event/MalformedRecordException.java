package io.streamscore.event;

import java.util.Objects;

/**
 * A record that cannot be decoded into an {@link Event}. Carries the {@link DeadLetterReason} and a detail message
 * naming the field, so the dead letter says exactly what was wrong. Thrown by codecs; caught by the ingest stage,
 * which routes the original bytes to the dead-letter topic. Stack traces are not filled in: this is a data path,
 * not a programmer error, and it can be hot under a flood of bad input.
 */
public final class MalformedRecordException extends Exception {
    private final DeadLetterReason reason;

    public MalformedRecordException(DeadLetterReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public DeadLetterReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}

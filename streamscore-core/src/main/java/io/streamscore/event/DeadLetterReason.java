package io.streamscore.event;

import java.util.Locale;

/**
 * Why a record could not become an {@link Event} (for {@code MODEL_REFUSED} and {@code CONTROL_MALFORMED}, why a
 * model change was not applied; for {@code OUTPUT_TOO_LARGE}, why an event's output went to the dead-letter topic
 * instead of its own). Every reason is a separate counter and travels with the
 * dead letter (as the {@code streamscore.reason} header), so a user can tell at a glance what is wrong upstream.
 */
public enum DeadLetterReason {
    EMPTY_RECORD("the record has no bytes"),
    RECORD_TOO_LARGE("the record is larger than the source's max_record_bytes"),
    INVALID_JSON("the bytes are not valid JSON"),
    INVALID_AVRO("the bytes are not a valid Avro single-object encoded record of the source's schema"),
    NOT_AN_OBJECT("the JSON value is not an object"),
    UNKNOWN_FIELD("the record has a field the schema does not define"),
    MISSING_FIELD("a required field is missing or null"),
    WRONG_TYPE("a field has the wrong type"),
    NON_FINITE_NUMBER("a number is NaN or infinite"),
    MISSING_KEY("the key field is missing or empty"),
    ID_OR_KEY_TOO_LONG("the id or key is longer than " + SourceBinding.MAX_ID_CHARS + " characters"),
    INVALID_EVENT_TIME("the event time is outside the accepted range"),
    INVALID_ENVELOPE("the record is not a change event in Debezium's JSON envelope (op c/u/d/r with its rows)"),
    MODEL_REFUSED("a model version failed to load or its self-check; the running version keeps scoring"),
    CONTROL_MALFORMED("a model-control message could not be read"),
    OUTPUT_TOO_LARGE("an output record (e.g. a late event written as JSON) is larger than the job's Kafka producer may"
            + " send (max.request.size)");

    private final String description;

    DeadLetterReason(String description) {
        this.description = description;
    }

    /** Lower-case code used in headers and metric names, e.g. {@code invalid_json}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }
}

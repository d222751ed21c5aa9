package io.streamscore.generate;

/** How a generated record is meant to test the pipeline's ingest path. Only transactions are ever not VALID. */
public enum RecordKind {
    /** Decodes, and its event time is the simulated clock at emission. */
    VALID,
    /** Decodes; its event time lies up to the configured out-of-order delay behind the simulated clock. */
    OUT_OF_ORDER,
    /** Decodes; its event time lies at least the configured too-late delay behind every event emitted before. */
    TOO_LATE,
    /** Does not decode; a strict codec rejects it with {@link GeneratedRecord#malformedReason()}. */
    MALFORMED
}

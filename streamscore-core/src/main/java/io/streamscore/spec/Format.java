package io.streamscore.spec;

/** The encoding of a source's record values. */
public enum Format {
    /** One JSON object per record, the fields of the source's schema. */
    JSON,
    /** Avro single-object encoding (magic bytes + schema fingerprint + binary datum) of the source's schema. */
    AVRO,
    /**
     * A change event in Debezium's JSON envelope ({@code op}, {@code before}, {@code after}, {@code ts_ms}, optionally
     * {@code source.ts_ms}, optionally wrapped as {@code {"schema": ..., "payload": ...}}); see
     * {@link io.streamscore.event.DebeziumEnvelopeCodec}.
     */
    DEBEZIUM_JSON
}

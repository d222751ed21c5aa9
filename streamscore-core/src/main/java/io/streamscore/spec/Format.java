package io.streamscore.spec;

/** The encoding of a source's record values. */
public enum Format {
    /** One JSON object per record, the fields of the source's schema. */
    JSON,
    /** Avro single-object encoding (magic bytes + schema fingerprint + binary datum) of the source's schema. */
    AVRO
}

package io.streamscore.spec;

/** The delivery guarantee of the Kafka outputs. */
public enum Guarantee {
    /** Flink checkpoints + Kafka transactions: read_committed consumers see every result exactly once. */
    EXACTLY_ONCE,
    /** No transactions: lower latency, duplicates possible after a failure. */
    AT_LEAST_ONCE
}

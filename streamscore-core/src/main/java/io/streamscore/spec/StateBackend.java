package io.streamscore.spec;

/** Where keyed state lives. */
public enum StateBackend {
    /** RocksDB with incremental checkpoints: state larger than memory; the default for real runs. */
    ROCKSDB,
    /** On the JVM heap: fastest, for small state and tests. */
    HASHMAP
}

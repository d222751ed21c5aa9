package io.streamscore.spec;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The online feature store: the newest feature vector of each entity in a Redis hash {@code <keyPrefix><entity>},
 * written for the events of one source. Writes are versioned by event time, so replays and out-of-order events
 * never replace a newer vector.
 *
 * @param address {@code embedded} (a redis-server started on 127.0.0.1 for the run) or {@code host:port}
 * @param password the Redis password (AUTH), or null
 * @param keyPrefix prepended to the entity value to make the hash's key
 * @param ttl how long a hash lives after its last write; zero keeps it forever
 * @param source the source whose events carry the features
 * @param entity the field of that source identifying the entity (its key by default)
 * @param features the feature columns stored, in order (never empty: {@code all} is resolved when loading)
 * @param batchSize writes sent per pipelined round trip
 */
public record RedisStoreSpec(String address, SecretValue password, String keyPrefix, Duration ttl, String source,
                             String entity, List<String> features, int batchSize) implements Serializable {
    public static final String EMBEDDED = "embedded";
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    public static final int DEFAULT_BATCH_SIZE = 500;

    public RedisStoreSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(entity, "entity");
        features = List.copyOf(features);
    }

    public boolean embedded() {
        return EMBEDDED.equals(address);
    }

    /** A copy pointing at another server (the local runtime puts the embedded server's address here). */
    public RedisStoreSpec withAddress(String newAddress) {
        return new RedisStoreSpec(newAddress, password, keyPrefix, ttl, source, entity, features, batchSize);
    }
}

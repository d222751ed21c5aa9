package io.streamscore.spec;

import io.streamscore.serving.client.TlsIdentity;
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
 * @param user the ACL user name (Redis 6+ {@code AUTH user password}), or null for the default user
 * @param password the Redis password (AUTH), or null
 * @param tls whether to speak TLS; the server's certificate and host name are always verified then
 * @param tlsCa the private CA trusted for the server's certificate, or null for the JVM's default trust store
 * @param tlsIdentity the client certificate and key presented to a server that requires one (Redis's
 *     {@code tls-auth-clients}, on by default with TLS), or null for none
 * @param keyPrefix prepended to the entity value to make the hash's key
 * @param ttl how long a hash lives after its last write; zero keeps it forever
 * @param source the source whose events carry the features
 * @param entity the field of that source identifying the entity (its key by default)
 * @param features the feature columns stored, in order (never empty: {@code all} is resolved when loading)
 * @param batchSize writes sent per pipelined round trip
 */
public record RedisStoreSpec(String address, String user, SecretValue password, boolean tls, TlsCaFile tlsCa,
                             TlsIdentity tlsIdentity, String keyPrefix, Duration ttl, String source, String entity,
                             List<String> features, int batchSize) implements Serializable {
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
        if ((tlsCa != null || tlsIdentity != null) && !tls) {
            throw new IllegalArgumentException("a TLS CA or client certificate needs tls");
        }
    }

    /** A plain (no TLS) store logged in as the default user. */
    public RedisStoreSpec(String address, SecretValue password, String keyPrefix, Duration ttl, String source,
                          String entity, List<String> features, int batchSize) {
        this(address, null, password, false, null, null, keyPrefix, ttl, source, entity, features, batchSize);
    }

    public boolean embedded() {
        return EMBEDDED.equals(address);
    }

    /** A copy pointing at another server (the local runtime puts the embedded server's address here). */
    public RedisStoreSpec withAddress(String newAddress) {
        return new RedisStoreSpec(newAddress, user, password, tls, tlsCa, tlsIdentity, keyPrefix, ttl, source,
                entity, features, batchSize);
    }
}

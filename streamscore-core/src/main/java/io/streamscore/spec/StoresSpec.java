package io.streamscore.spec;

import java.io.Serializable;

/**
 * The {@code stores} section: where features and results go besides Kafka. Each part is null when not configured.
 *
 * @param redis the online feature store
 * @param postgres the results database
 * @param serving the feature-serving API (needs {@code redis})
 */
public record StoresSpec(RedisStoreSpec redis, PostgresStoreSpec postgres, ServingSpec serving)
        implements Serializable {
    public static final StoresSpec NONE = new StoresSpec(null, null, null);

    public StoresSpec {
        if (serving != null && redis == null) {
            throw new IllegalArgumentException("serving reads the Redis feature store: configure stores.redis");
        }
    }

    public boolean isEmpty() {
        return redis == null && postgres == null && serving == null;
    }

    public StoresSpec withRedis(RedisStoreSpec newRedis) {
        return new StoresSpec(newRedis, postgres, serving);
    }

    public StoresSpec withServing(ServingSpec newServing) {
        return new StoresSpec(redis, postgres, newServing);
    }
}

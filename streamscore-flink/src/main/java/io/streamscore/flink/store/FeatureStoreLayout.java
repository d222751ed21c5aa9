package io.streamscore.flink.store;

import io.streamscore.spec.RedisStoreSpec;
import java.io.Serializable;
import java.util.List;

/**
 * How feature vectors sit in Redis, shared by the writer and the serving API: one hash per entity at
 * {@code <key_prefix><entity>}, a field per defined feature value (undefined features are absent), plus
 * {@value #VALID_AT} (the event time the vector is valid at) and {@value #EVENT_ID} (the event it came from).
 */
public record FeatureStoreLayout(String keyPrefix, List<String> features) implements Serializable {
    public static final String VALID_AT = "_valid_at";
    public static final String EVENT_ID = "_event_id";

    public FeatureStoreLayout {
        features = List.copyOf(features);
    }

    public static FeatureStoreLayout of(RedisStoreSpec spec) {
        return new FeatureStoreLayout(spec.keyPrefix(), spec.features());
    }

    public String key(String entity) {
        return keyPrefix + entity;
    }
}

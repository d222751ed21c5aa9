package io.streamscore.spec;

import java.util.Map;
import java.util.Objects;

/**
 * Where the Kafka cluster is: {@code embedded} (a single-node KRaft broker started inside Streamscore) or a
 * bootstrap server list, plus client properties passed to every consumer, producer and admin client.
 */
public record KafkaSpec(String bootstrap, Map<String, String> properties) {
    public static final String EMBEDDED = "embedded";

    public KafkaSpec {
        Objects.requireNonNull(bootstrap, "bootstrap");
        properties = Map.copyOf(properties);
    }

    public boolean embedded() {
        return EMBEDDED.equals(bootstrap);
    }
}

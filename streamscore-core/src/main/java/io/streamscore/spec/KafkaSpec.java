package io.streamscore.spec;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where the Kafka cluster is: {@code embedded} (a single-node KRaft broker started inside Streamscore) or a
 * bootstrap server list, plus client properties passed to every consumer, producer and admin client.
 */
public record KafkaSpec(String bootstrap, Map<String, String> properties) {
    public static final String EMBEDDED = "embedded";
    /**
     * The least {@code max.request.size} and {@code buffer.memory} the job's producers may have: an output over the
     * limit becomes a dead letter keeping up to 64 KiB of its value and of its key, which must fit.
     */
    public static final int MIN_PRODUCER_RECORD_BYTES = 3 * 64 * 1024;

    public KafkaSpec {
        Objects.requireNonNull(bootstrap, "bootstrap");
        properties = Map.copyOf(properties);
    }

    /**
     * What is wrong with a bootstrap server list given outside a spec (an option overriding {@code kafka.bootstrap}),
     * checked as the spec's is: host:port[,host:port...], ports 1..65535; {@code null} when it is valid.
     */
    public static String serversProblem(String servers) {
        return KafkaSectionReader.serversProblem(servers);
    }

    public boolean embedded() {
        return EMBEDDED.equals(bootstrap);
    }

    /** The spec with credential properties (passwords, JAAS configs, secrets, tokens) masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((name, value) ->
                shown.put(name, SecretNames.isKafkaCredential(name) ? SecretValue.MASK : value));
        return "KafkaSpec[bootstrap=" + bootstrap + ", properties=" + shown + "]";
    }
}

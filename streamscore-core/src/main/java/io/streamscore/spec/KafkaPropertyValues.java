package io.streamscore.spec;

import java.util.List;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks the value of a known Kafka client property against Kafka's own definitions (type and validator) in the
 * producer, consumer and admin client that receive it. Without it {@code linger.ms: -5} or
 * {@code security.protocol: PLAINTEXTT} validated, and then every client the running job created failed, the job
 * restarting forever. Class names are not checked: a plugin's class may be on the cluster's class path only.
 */
final class KafkaPropertyValues {
    private static final List<ConfigDef> DEFINITIONS = List.of(ProducerConfig.configDef(),
            ConsumerConfig.configDef(), AdminClientConfig.configDef());

    private KafkaPropertyValues() {}

    /** What Kafka says is wrong with {@code value} for {@code name}; null when every client knowing it accepts it. */
    static String problem(String name, String value) {
        for (ConfigDef definition : DEFINITIONS) {
            ConfigDef.ConfigKey key = definition.configKeys().get(name);
            if (key == null || key.type == ConfigDef.Type.CLASS) {
                continue;
            }
            try {
                Object parsed = ConfigDef.parseType(name, value, key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(name, parsed);
                }
            } catch (ConfigException e) {
                return e.getMessage();
            }
        }
        return producerLimitProblem(name, value);
    }

    /** A producer record limit too small for the job's dead letters ({@link KafkaSpec#MIN_PRODUCER_RECORD_BYTES}). */
    private static String producerLimitProblem(String name, String value) {
        if (!name.equals(ProducerConfig.MAX_REQUEST_SIZE_CONFIG) && !name.equals(ProducerConfig.BUFFER_MEMORY_CONFIG)
                || Long.parseLong(value.trim()) >= KafkaSpec.MIN_PRODUCER_RECORD_BYTES) {
            return null;
        }
        return "Invalid value " + value + " for configuration " + name + ": the job's producers need at least "
                + KafkaSpec.MIN_PRODUCER_RECORD_BYTES + " bytes (a dead letter of an output too large keeps up to"
                + " 64 KiB of its value and of its key)";
    }
}

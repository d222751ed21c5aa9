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
        return null;
    }
}

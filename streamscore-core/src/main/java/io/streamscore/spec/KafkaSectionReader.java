package io.streamscore.spec;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Reads {@code kafka}: where the cluster is and extra client properties. Property values may reference environment
 * variables ({@code ${KAFKA_PASSWORD}}), and credentials (passwords, keys, secrets, tokens: see {@link SecretNames})
 * must; in a JAAS config, each secret option must. Properties that Streamscore sets itself are refused, because a
 * user value would silently break a guarantee (a consumer with auto-commit, a producer with a fixed transactional id
 * shared by all subtasks).
 */
final class KafkaSectionReader implements SectionReader<KafkaSpec> {
    static final List<String> KEYS = List.of("bootstrap", "properties");

    /** Client properties Streamscore controls, each with what to do instead. */
    static final Map<String, String> CONTROLLED_PROPERTIES = Map.of(
            "bootstrap.servers", "set `kafka.bootstrap` instead",
            "transactional.id", "set `outputs.transactional_id_prefix` instead; each sink subtask needs its own id",
            "isolation.level", "remove it; Streamscore sets it "
                    + "(read_committed, so aborted transactions are never read)",
            "enable.auto.commit", "remove it; offsets are committed with Flink checkpoints, not by the consumer",
            "group.id", "remove it; Streamscore sets the consumer group of each pipeline itself",
            "key.serializer", "remove it; Streamscore serializes records itself",
            "value.serializer", "remove it; records are encoded with the source's `format` (json or avro)",
            "key.deserializer", "remove it; Streamscore deserializes records itself",
            "value.deserializer", "remove it; records are decoded with the source's `format` (json or avro)");

    /**
     * Every config name Kafka's consumer, producer and admin client know. A name one or two edits away from one of
     * them is a typo that Kafka would only log as unknown; other names pass, since Kafka hands every property on to
     * the plugins it loads (interceptors, login callbacks), which may read their own.
     */
    private static final Set<String> KNOWN_PROPERTIES = knownProperties();

    private static final String EXPECTED_SERVERS =
            "write `embedded` or host:port[,host:port...], e.g. `broker1:9092,broker2:9092`";
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]):(\\d{1,5})");

    private final SpecSecrets secrets;

    KafkaSectionReader(SpecSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public String section() {
        return "kafka";
    }

    @Override
    public KafkaSpec read(SpecNode kafka) {
        int mark = kafka.problems().mark();
        if (kafka.expectMap("Kafka settings (bootstrap, properties)")) {
            kafka.rejectUnknownKeys(KEYS);
        }
        String bootstrap = readBootstrap(kafka.get("bootstrap"));
        Map<String, String> properties = readProperties(kafka.get("properties"));
        return kafka.problems().noneSince(mark) ? new KafkaSpec(bootstrap, properties) : null;
    }

    private static String readBootstrap(SpecNode node) {
        String written = node.text(KafkaSpec.EMBEDDED);
        if (written == null || written.trim().equalsIgnoreCase(KafkaSpec.EMBEDDED)) {
            return KafkaSpec.EMBEDDED;
        }
        StringBuilder servers = new StringBuilder();
        for (String entry : written.split(",", -1)) {
            String server = entry.trim();
            if (checkServer(node, written, server, EXPECTED_SERVERS)) {
                servers.append(servers.length() == 0 ? "" : ",").append(server);
            }
        }
        return servers.toString();
    }

    /** Whether {@code server} is host:port with a valid port; reports it at {@code node} with {@code expected}. */
    static boolean checkServer(SpecNode node, String written, String server, String expected) {
        String problem = serverProblem(written, server);
        if (problem != null) {
            node.error(problem, problem.startsWith("port ") ? "use a port from 1 to 65535" : expected);
        }
        return problem == null;
    }

    /** What is wrong with {@code server}, one entry of {@code written}, as host:port; null when nothing. */
    private static String serverProblem(String written, String server) {
        Matcher hostPort = HOST_PORT.matcher(server);
        if (!hostPort.matches()) {
            return server.isEmpty() ? "'" + written + "' has an empty server entry"
                    : "'" + server + "' is not host:port" + (server.contains(":") ? "" : " (no port)");
        }
        int port = Integer.parseInt(hostPort.group(2));
        return port < 1 || port > 65535 ? "port " + port + " in '" + server + "' is out of range" : null;
    }

    /** What is wrong with a bootstrap list given outside a spec (a command's option); null when nothing. */
    static String serversProblem(String servers) {
        for (String entry : servers.split(",", -1)) {
            String problem = serverProblem(servers, entry.trim());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static Set<String> knownProperties() {
        Set<String> names = new HashSet<>(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }

    private Map<String, String> readProperties(SpecNode node) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!node.expectMap("Kafka client properties (name: value)")) {
            return properties;
        }
        for (SpecNode property : node.entries().values()) {
            String name = property.key();
            String controlled = CONTROLLED_PROPERTIES.get(name.trim().toLowerCase(Locale.ROOT));
            Optional<String> meant = KNOWN_PROPERTIES.contains(name) ? Optional.empty()
                    : ClosestName.nearest(name, KNOWN_PROPERTIES);
            if (controlled != null) {
                property.error("client property `" + name + "` is controlled by Streamscore", controlled);
            } else if (name.isBlank()) {
                property.error("a client property has an empty name", "remove it, or write `<name>: <value>`");
            } else if (meant.isPresent()) {
                property.error("Kafka has no client property `" + name + "`", "did you mean `" + meant.get()
                        + "`? (a setting of a plugin of yours may have any other name)");
            } else if (property.peekText() == null) {
                property.error("client property `" + name + "` must be a text, number or true/false value, found "
                        + property.describe(), "write `" + name + ": <value>` on one line");
            } else {
                String value = readValue(property, name, property.peekText());
                // A credential's value is not checked: Kafka's message would print it.
                String problem = value == null || SecretNames.isKafkaCredential(name) ? null
                        : KafkaPropertyValues.problem(name, value);
                if (problem != null) {
                    property.error(problem, "write a value Kafka's clients accept for `" + name + "`");
                } else if (value != null) {
                    properties.put(name, value);
                }
            }
        }
        return properties;
    }

    /** A property's value; SASL/TLS credentials must come from environment variables, any value may reference one. */
    private String readValue(SpecNode property, String name, String written) {
        if (SecretNames.isJaasConfig(name)) {
            List<String> literal = JaasOptions.literalSecrets(written);
            return secrets.interpolateCredential(property, written, literal.isEmpty() ? null
                    : "`" + name + "` holds a credential in the clear: option " + String.join(", ", literal),
                    "write each secret option as a reference, e.g. `password=\"${KAFKA_PASSWORD}\"`, and set the "
                            + "variable where Streamscore runs; the user name and other options may stay as written");
        }
        if (SecretNames.isKafkaCredential(name)) {
            String variable = "KAFKA_" + name.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
            return secrets.interpolateCredential(property, written, SpecSecrets.isReference(written) ? null
                    : "`" + name + "` holds a credential", "write `" + name + ": ${" + variable + "}` and set "
                    + variable + " where Streamscore runs");
        }
        return secrets.interpolate(property, written);
    }
}

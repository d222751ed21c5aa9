package io.streamscore.flink.job;

import io.streamscore.flink.sink.TopicLimits;
import io.streamscore.spec.PipelineSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest record batch the brokers take on each output topic: its {@code max.message.bytes} as the broker
 * reports it ({@code describeConfigs}), so that the job's size checks ({@code OutputSizeLimit}) use the smaller of
 * it and the producer's limit. A topic that does not exist yet gets the broker's {@code message.max.bytes} when it
 * is created on the first write, so that is its limit. Read when the job is built and again by the tasks that check
 * a topic's records when they restart after a failure ({@code OutputLimitSource}), never per record; the brokers'
 * address and the spec's client properties (SASL, TLS) travel with the job for that.
 */
public final class BrokerTopicLimits implements TopicLimits {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerTopicLimits.class);
    /** How long the brokers get to answer when the job is built or a task restarts. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String BROKER_MAX_MESSAGE_BYTES = "message.max.bytes";

    private final String bootstrapServers;
    private final HashMap<String, String> clientProperties;
    private final HashMap<String, Integer> atBuild;

    private BrokerTopicLimits(String bootstrapServers, Map<String, String> clientProperties,
                              Map<String, Integer> atBuild) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = new HashMap<>(clientProperties);
        this.atBuild = new HashMap<>(atBuild);
    }

    /**
     * {@code max.message.bytes} of each of {@code topics}, read now with the spec's client properties; none, with a
     * warning, when the brokers do not say (no {@code DescribeConfigs} permission, no answer): the job then checks
     * against the producer's limit alone, as before, rather than not starting.
     */
    public static BrokerTopicLimits read(PipelineSpec spec, String bootstrapServers, Collection<String> topics) {
        Map<String, Integer> limits = ask(bootstrapServers, spec.kafka().properties(), topics, "records to them are"
                + " checked against the producer's max.request.size only, and one the broker refuses fails the job")
                .orElse(Map.of());
        return new BrokerTopicLimits(bootstrapServers, spec.kafka().properties(), limits);
    }

    @Override
    public Integer atBuild(String topic) {
        return atBuild.get(topic);
    }

    @Override
    public OptionalInt now(String topic) {
        return ask(bootstrapServers, clientProperties, List.of(topic),
                "records to it are checked against the limit the job was built with")
                .map(limits -> OptionalInt.of(limits.get(topic))).orElse(OptionalInt.empty());
    }

    /** The limits of {@code topics}; empty, with a warning ending in {@code otherwise}, when the brokers do not say. */
    private static Optional<Map<String, Integer>> ask(String bootstrapServers, Map<String, String> clientProperties,
                                                     Collection<String> topics, String otherwise) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "streamscore-topic-limits");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            Map<String, Integer> limits = describe(admin, topics, TIMEOUT);
            LOG.info("max.message.bytes of the output topics: {}", limits);
            return Optional.of(limits);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warn("could not read max.message.bytes of topics {} from {} ({}); {}", topics, bootstrapServers,
                    e.getCause() == null ? e.toString() : e.getCause().toString(), otherwise);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the topics' max.message.bytes", e);
        }
    }

    /**
     * {@code max.message.bytes} of each of {@code topics}; a topic that does not exist has the broker's
     * {@code message.max.bytes}, which it will get when created.
     *
     * @throws ExecutionException the brokers' refusal (authorization, a failed request)
     */
    public static Map<String, Integer> describe(Admin admin, Collection<String> topics, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<ConfigResource> resources = topics.stream().distinct()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, KafkaFuture<Config>> described = admin.describeConfigs(resources,
                new DescribeConfigsOptions().timeoutMs((int) timeout.toMillis())).values();
        Map<String, Integer> limits = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ConfigResource resource : resources) {
            try {
                limits.put(resource.name(), value(described.get(resource), TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        timeout));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                missing.add(resource.name());
            }
        }
        if (!missing.isEmpty()) {
            int brokerDefault = brokerMaxMessageBytes(admin, timeout);
            missing.forEach(topic -> limits.put(topic, brokerDefault));
        }
        return limits;
    }

    /** {@code message.max.bytes} of one of the brokers: the limit of a topic created with the defaults. */
    private static int brokerMaxMessageBytes(Admin admin, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        int node = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).iterator().next()
                .id();
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(node));
        return value(admin.describeConfigs(List.of(broker)).values().get(broker), BROKER_MAX_MESSAGE_BYTES, timeout);
    }

    private static int value(KafkaFuture<Config> config, String name, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        return Integer.parseInt(config.get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(name).value());
    }
}

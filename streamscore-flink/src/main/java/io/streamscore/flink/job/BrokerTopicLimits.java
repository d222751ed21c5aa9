package io.streamscore.flink.job;

import io.streamscore.spec.PipelineSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * is created on the first write, so that is its limit. Read once when the job is built, never per record.
 */
public final class BrokerTopicLimits {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerTopicLimits.class);
    /** How long the brokers get to answer when the job is built. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String BROKER_MAX_MESSAGE_BYTES = "message.max.bytes";

    private BrokerTopicLimits() {}

    /**
     * {@code max.message.bytes} of each of {@code topics}, read with the spec's client properties; empty, with a
     * warning, when the brokers do not say (no {@code DescribeConfigs} permission, no answer): the job then checks
     * against the producer's limit alone, as before, rather than not starting.
     */
    public static Map<String, Integer> read(PipelineSpec spec, String bootstrapServers, Collection<String> topics) {
        Map<String, Object> config = new HashMap<>(spec.kafka().properties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "streamscore-topic-limits");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            Map<String, Integer> limits = describe(admin, topics, TIMEOUT);
            LOG.info("max.message.bytes of the output topics: {}", limits);
            return limits;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warn("could not read max.message.bytes of topics {} from {} ({}); records to them are checked against "
                    + "the producer's max.request.size only, and one the broker refuses fails the job", topics,
                    bootstrapServers, e.getCause() == null ? e.toString() : e.getCause().toString());
            return Map.of();
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

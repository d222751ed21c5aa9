package io.streamscore.cli.local;

import static io.streamscore.flink.store.FailureCauses.rootMessage;

import io.streamscore.flink.job.BrokerTopicLimits;
import io.streamscore.flink.scoring.ChampionFallbackScorer;
import io.streamscore.flink.sink.OutputSizeLimit;
import io.streamscore.flink.store.PostgresResultWriter;
import io.streamscore.flink.store.RedisConnector;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.serving.client.RemoteModelCheck;
import io.streamscore.serving.client.RemoteScoringConfig;
import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.PostgresStoreSpec;
import io.streamscore.spec.RedisStoreSpec;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Checks, before a pipeline job is submitted, that the servers its spec names answer and accept it: the Kafka
 * bootstrap (with the spec's client properties, so SASL and TLS apply) and every topic the job reads or writes
 * (sources, outputs, the model's control and shadow topics; those it writes with a {@code max.message.bytes} large
 * enough for its records), the PostgreSQL results
 * store, the Redis feature store, and the model server of {@code model.remote} (it has the model, and the model takes
 * the registry version's features: {@link RemoteModelCheck}). Without it a wrong address or password shows only as a
 * job restarting forever with the cause in the log. Each check connects the way the job will (the stores through the
 * sinks' own connect code) with a short timeout, and a failure names the spec field to fix. It only reads: it creates
 * no topic or table.
 */
public final class Preflight {
    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);
    /** How long each server gets to answer unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** A server that did not answer or refused the pipeline: the spec field to fix and why. */
    public record Failure(String field, String reason) {
        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }

    private final Duration timeout;

    public Preflight(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the preflight timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Every failure found in the spec as it will run (addresses resolved), Kafka's first, then PostgreSQL's, Redis'
     * and the model server's; empty when all servers answer. The checks run at once, each on its own thread with its
     * own timeout, so servers that do not answer cost one timeout, not one each.
     */
    public List<Failure> check(PipelineSpec spec) {
        long started = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "streamscore-preflight");
            thread.setDaemon(true);
            return thread;
        });
        List<Failure> failures = new ArrayList<>();
        try {
            Future<List<Failure>> kafka = threads.submit(() -> kafka(spec));
            Future<Optional<Failure>> postgres = threads.submit(() -> spec.stores().postgres() == null
                    ? Optional.<Failure>empty() : postgres(spec.stores().postgres()));
            Future<Optional<Failure>> redis = threads.submit(() -> spec.stores().redis() == null
                    ? Optional.<Failure>empty() : redis(spec.stores().redis()));
            Future<Optional<Failure>> modelServer = threads.submit(() -> modelServer(spec));
            failures.addAll(outcome(kafka, "kafka.bootstrap"));
            outcome(postgres, "stores.postgres").ifPresent(failures::add);
            outcome(redis, "stores.redis").ifPresent(failures::add);
            outcome(modelServer, "model.remote").ifPresent(failures::add);
        } finally {
            threads.shutdownNow();
        }
        LOG.info("preflight of {} ({} topic(s){}{}{}): {} problem(s) in {} ms", spec.kafka().bootstrap(),
                spec.topicsByField().size(), spec.stores().postgres() == null ? "" : ", stores.postgres",
                spec.stores().redis() == null ? "" : ", stores.redis",
                remote(spec).isEmpty() ? "" : ", model.remote", failures.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return failures;
    }

    /** What a check found; a check that broke (a bug, not a server's answer) stops the preflight naming its field. */
    private static <T> T outcome(Future<T> check, String field) {
        try {
            return check.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the preflight check of `" + field + "` failed: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking `" + field + "`", e);
        }
    }

    /** The bootstrap answers, and each source's topic exists. */
    public List<Failure> kafka(PipelineSpec spec) {
        String bootstrap = spec.kafka().bootstrap();
        Admin admin;
        try {
            admin = Admin.create(adminConfig(spec));
        } catch (KafkaException e) {
            // An address that does not resolve, or client properties the client refuses.
            return List.of(new Failure("kafka.bootstrap", "cannot create a Kafka client for " + bootstrap + " ("
                    + rootMessage(e) + "); check `kafka.bootstrap` and `kafka.properties`"));
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) millis())).clusterId()
                    .get(millis() + 1_000, TimeUnit.MILLISECONDS);
            return topics(admin, spec);
        } catch (ExecutionException | TimeoutException e) {
            return List.of(new Failure("kafka.bootstrap", bootstrapReason(bootstrap, e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(new Failure("kafka.bootstrap", "interrupted while checking " + bootstrap));
        } finally {
            admin.close(Duration.ZERO); // fails whatever is still pending instead of waiting for it
        }
    }

    /**
     * Every topic the job reads or writes, described: the sources', the four outputs and, with a model, its control
     * and shadow topics. A missing one names its spec field and how to create it: a missing output topic would only
     * show as a sink failing at its first transaction and the job restarting until someone creates it.
     */
    private List<Failure> topics(Admin admin, PipelineSpec spec) throws InterruptedException, TimeoutException {
        Map<String, String> topicByField = spec.topicsByField();
        List<String> names = topicByField.values().stream().distinct().toList();
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(names,
                new DescribeTopicsOptions().timeoutMs((int) millis())).topicNameValues();
        List<Failure> failures = new ArrayList<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : topicByField.entrySet()) {
            try {
                described.get(entry.getValue()).get(millis() + 1_000, TimeUnit.MILLISECONDS);
                if (!entry.getKey().startsWith("sources.")) {
                    outputs.put(entry.getKey(), entry.getValue());
                }
            } catch (ExecutionException e) {
                failures.add(new Failure(entry.getKey(), topicReason(spec, entry.getKey(), entry.getValue(),
                        e.getCause())));
            }
        }
        failures.addAll(outputTopicLimits(admin, outputs));
        return failures;
    }

    /**
     * Every topic the job writes whose {@code max.message.bytes} is below what one output or the trimmed dead letter
     * of one too large may take ({@link OutputSizeLimit#topicProblem}): the broker would refuse it and the job fail on
     * it at every restart. A topic limit above that but below the producer's is no failure: the job dead-letters
     * the records between the two.
     */
    private List<Failure> outputTopicLimits(Admin admin, Map<String, String> topicByField)
            throws InterruptedException, TimeoutException {
        if (topicByField.isEmpty()) {
            return List.of(); // every one is missing, and named so already
        }
        Map<String, Integer> limits;
        try {
            limits = BrokerTopicLimits.describe(admin, topicByField.values(), timeout);
        } catch (ExecutionException e) {
            // e.g. no DescribeConfigs permission: the job reads them again when built, and warns if it cannot
            LOG.warn("could not read max.message.bytes of the output topics, not checked: {}", rootMessage(e));
            return List.of();
        }
        List<Failure> failures = new ArrayList<>();
        topicByField.forEach((field, topic) -> OutputSizeLimit.topicProblem(topic, limits.get(topic))
                .ifPresent(problem -> failures.add(new Failure(field, problem))));
        return failures;
    }

    private static String topicReason(PipelineSpec spec, String field, String topic, Throwable cause) {
        String what = field.startsWith("sources.") ? "source '" + field.split("\\.")[1] + "' reads topic '" + topic
                + "'" : "`" + field + "` is topic '" + topic + "'";
        if (cause instanceof UnknownTopicOrPartitionException) {
            return what + ", which does not exist on " + spec.kafka().bootstrap() + "; create it (kafka-topics.sh "
                    + "--bootstrap-server " + spec.kafka().bootstrap() + " --create --topic " + topic
                    + " --partitions N) or fix `" + field + "`";
        }
        if (cause instanceof AuthorizationException) {
            return what + ", which this client may not describe (" + cause.getMessage() + "); grant the "
                    + "credentials in `kafka.properties` " + (field.startsWith("outputs.") ? "write" : "read")
                    + " access to it";
        }
        return what + ", which could not be described (" + rootMessage(cause) + ")";
    }

    private static Optional<RemoteScoringConfig> remote(PipelineSpec spec) {
        return spec.model().flatMap(ModelSpec::remoteScoring);
    }

    /** With {@code model.remote}: the server has the model, and it takes the features the registry's version has. */
    public Optional<Failure> modelServer(PipelineSpec spec) throws IOException {
        Optional<RemoteScoringConfig> remote = remote(spec);
        if (remote.isEmpty()) {
            return Optional.empty();
        }
        ModelSpec model = spec.model().orElseThrow();
        ModelRegistry registry = ModelRegistry.open(model.registry());
        ModelManifest manifest = RemoteModelCheck.manifest(registry, model.name(), remote.get().version());
        if (remote.get().fallback() == RemoteScoringConfig.Fallback.CHAMPION) {
            Optional<String> fallback = ChampionFallbackScorer.problem(registry, model.name(),
                    manifest.featureNames());
            if (fallback.isPresent()) {
                return Optional.of(new Failure("model.remote.fallback", "champion: " + fallback.get()));
            }
        }
        return RemoteModelCheck.check(remote.get(), manifest, timeout)
                .map(problem -> new Failure(problem.field(), problem.reason()));
    }

    /**
     * One connection opened as the results sink opens its own, then closed; a results table of another application
     * (which the sink would refuse at every start) is named too.
     */
    public Optional<Failure> postgres(PostgresStoreSpec store) {
        try (Connection connection = PostgresResultWriter.open(store, timeout)) {
            PostgresResultWriter.checkTables(connection, store);
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(new Failure("stores.postgres", e.getMessage()));
        }
    }

    /** Connect, log in (and TLS) as the feature sink does, then PING. */
    public Optional<Failure> redis(RedisStoreSpec store) {
        // connect explains its own failures; only the PING's are explained here.
        try (Jedis jedis = RedisConnector.connect(store, (int) millis())) {
            ping(store, jedis);
            return Optional.empty();
        } catch (JedisException e) {
            return Optional.of(new Failure("stores.redis", e.getMessage()));
        }
    }

    private static void ping(RedisStoreSpec store, Jedis jedis) {
        try {
            jedis.ping();
        } catch (JedisException e) {
            throw RedisConnector.explain(store, e);
        }
    }

    private Map<String, Object> adminConfig(PipelineSpec spec) {
        return adminConfig(spec, "streamscore-preflight", millis());
    }

    /** An admin client's config for the spec's Kafka (its client properties too), every call bounded by millis. */
    static Map<String, Object> adminConfig(PipelineSpec spec, String clientId, long millis) {
        Map<String, Object> config = new HashMap<>(spec.kafka().properties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, spec.kafka().bootstrap());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) millis);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(millis, 10_000L));
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, millis);
        return config;
    }

    /** Why the spec's Kafka did not answer, naming the spec fields to check. */
    static String bootstrapReason(String bootstrap, Exception failure) {
        Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
        if (cause instanceof AuthenticationException) {
            return "the Kafka cluster at " + bootstrap + " refused the login (" + cause.getMessage() + "); check the "
                    + "security settings (security.protocol, sasl.*, ssl.*) in `kafka.properties`";
        }
        if (cause instanceof AuthorizationException) {
            return "the Kafka cluster at " + bootstrap + " does not allow this client to describe it ("
                    + cause.getMessage() + "); check the credentials in `kafka.properties`";
        }
        return "no Kafka broker answered at " + bootstrap + " (" + rootMessage(cause) + "); check the host and port "
                + "in `kafka.bootstrap` (and, when the cluster takes only TLS or SASL, `kafka.properties`)";
    }

    private long millis() {
        return timeout.toMillis();
    }
}

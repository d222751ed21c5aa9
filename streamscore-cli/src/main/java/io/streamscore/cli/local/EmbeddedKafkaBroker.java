package io.streamscore.cli.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process), the one from Kafka's own
 * distribution, bound to 127.0.0.1. For local runs, the demo and tests; production points at a real cluster.
 *
 * <p>Settings are those a one-node cluster needs: replication factor and min ISR 1 for the internal topics, and no
 * time-based retention, because generated and replayed events carry old timestamps that default retention (7 days)
 * would delete seconds after they are written.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final boolean deleteOnClose;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir, boolean deleteOnClose) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Starts a broker with its data in {@code dataDir} (kept on close) or, when null, in a new temporary directory
     * (deleted on close). {@code port} 0 picks a free port. Returns once the broker accepts requests.
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        try {
            boolean temporary = dataDir == null;
            Path dir = temporary ? Files.createTempDirectory("streamscore-kafka-") : Files.createDirectories(dataDir);
            int brokerPort = port == 0 ? LoopbackPort.free("the embedded Kafka broker") : port;
            Properties config = brokerConfig(dir.resolve("logs"), brokerPort,
                    LoopbackPort.free("the embedded Kafka controller"));
            format(dir, config);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, HOST + ":" + brokerPort, dir, temporary);
            broker.awaitReady(Duration.ofSeconds(60));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the embedded Kafka broker's data directory", e);
        }
    }

    static Properties brokerConfig(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("log.retention.ms", "-1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "2");
        return p;
    }

    /**
     * Formats the storage directory once; a directory formatted by an earlier run (a {@code --work-dir} used again,
     * as {@code run --resume-from} does) is reused as it is, under the cluster id it was formatted with: the broker
     * refuses to start when the id it is given differs from the one in the log directory's meta.properties.
     */
    private static void format(Path dir, Properties config) throws IOException {
        Path configFile = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            config.store(out, "embedded Kafka broker written by Streamscore");
        }
        String clusterId = formattedClusterId(Path.of(config.getProperty("log.dirs")))
                .orElseGet(() -> Uuid.randomUuid().toString());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = StorageTool.execute(new String[] {"format", "--cluster-id", clusterId,
                "--config", configFile.toString(), "--ignore-formatted"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + dir + " failed: " + output);
        }
    }

    /** The cluster id a log directory was formatted with, from its meta.properties; empty when not formatted. */
    static Optional<String> formattedClusterId(Path logDir) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return Optional.ofNullable(properties.getProperty("cluster.id"));
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("embedded Kafka broker did not become ready in " + timeout, e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Creates the topics that do not exist yet, with the given partition counts, and returns once every partition
     * of every topic has a leader: the controller accepting a topic does not mean the broker serves it yet, and a
     * producer writing in that gap can wait out its whole delivery timeout.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        List<NewTopic> topics = new ArrayList<>();
        partitionsByTopic.forEach((topic, partitions) -> topics.add(new NewTopic(topic, partitions, (short) 1)));
        createTopics(topics);
    }

    /**
     * Creates those of {@code topics} that do not exist yet (with their configs) and returns once the broker serves
     * every partition of each, and so also describes their configs.
     */
    public void createTopics(Collection<NewTopic> topics) {
        Set<String> names = topics.stream().map(NewTopic::name).collect(Collectors.toSet());
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            try {
                admin.createTopics(topics.stream().filter(topic -> !existing.contains(topic.name())).toList())
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topics " + names, e.getCause());
                }
            }
            awaitLeaders(admin, names, Duration.ofSeconds(60));
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics " + names, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + names, e);
        }
    }

    private static void awaitLeaders(Admin admin, Set<String> topics, Duration timeout)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (leadersKnown(admin, topics)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partitions of " + topics + " had no leader after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Whether every partition of {@code topics} has a leader. A topic the controller has just accepted can still be
     * unknown to the broker's metadata (UnknownTopicOrPartitionException under load): not ready yet, asked again.
     */
    private static boolean leadersKnown(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try {
            return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(description -> description.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            DirectoryCleaner.deleteQuietly(dataDir);
        }
        LOG.info("embedded Kafka broker at {} stopped", bootstrapServers);
    }

}

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.EmbeddedKafkaBroker;
import io.streamscore.cli.testing.CommandRun;
import io.streamscore.cli.testing.RecordingInterceptor;
import io.streamscore.cli.testing.TreeModels;
import io.streamscore.flink.scoring.CanaryRollback;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every client that writes to the control topic is built with the cluster's client properties (on a secured cluster,
 * security.protocol, sasl.* and ssl.*): the job's automatic canary rollback with the spec's {@code kafka.properties},
 * {@code streamscore models} with {@code --kafka-config}. The embedded broker is not secured, so the properties
 * install {@link RecordingInterceptor} instead, which sees what each client sent.
 */
class ControlTopicClientPropertiesITCase {
    private static final String MODEL = "fraud";
    private static final String CONTROL = "fraud-model-control";

    @TempDir
    static Path shared;
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;
    private ModelRegistry registry;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(shared.resolve("kafka"), 0);
        broker.createTopics(Map.of(CONTROL, 1));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void registerTwoVersions() throws Exception {
        registry = ModelRegistry.open(dir.resolve("models"));
        TreeModels.register(registry, MODEL, 0.2, 0.8, true, dir);
        TreeModels.register(registry, MODEL, 0.3, 0.6, true, dir);
        RecordingInterceptor.SENT.clear();
    }

    @Test
    void modelsPublishesWithThePropertiesOfKafkaConfig() throws Exception {
        Path config = Files.writeString(dir.resolve("client.properties"), "# as for kafka-topics --command-config\n"
                + "interceptor.classes=" + RecordingInterceptor.class.getName() + "\n");

        CommandRun run = CommandRun.streamscore("models", "--registry", registry.root().toString(), "promote", MODEL,
                "1", "--bootstrap", broker.bootstrapServers(), "--control-topic", CONTROL, "--kafka-config",
                config.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Published PROMOTE");
        assertThat(types(RecordingInterceptor.SENT)).containsExactly(ModelControlMessage.Type.PROMOTE);
    }

    @Test
    void anAutomaticCanaryRollbackPublishesWithTheSpecsKafkaProperties() throws Exception {
        registry.promote(MODEL, 1, "first");
        registry.setChallenger(MODEL, 2, ChallengerMode.CANARY, 0.3);

        try (CanaryRollback rollback = new CanaryRollback(registry.root().toString(), MODEL,
                broker.bootstrapServers(), CONTROL, RecordingInterceptor.PROPERTIES)) {
            // Published on the rollback's own thread: done when the future is.
            rollback.rollBack(2, "PSI 0.9 over 1000 events").get(30, TimeUnit.SECONDS);
        }

        assertThat(registry.rollout(MODEL).challengers()).isEmpty();
        assertThat(types(RecordingInterceptor.SENT)).containsExactly(ModelControlMessage.Type.REMOVE_CHALLENGER);
    }

    private static List<ModelControlMessage.Type> types(List<String> messages) {
        return messages.stream().map(json -> ModelControlMessage.fromJson(json).type()).toList();
    }
}

package io.streamscore.serving;

import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.Scorer;
import io.streamscore.scoring.XGBoostJsonModel;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests against one {@code streamscore serve} of {@link ServingFixtures#registry} on free loopback ports (REST and
 * gRPC), started once per test class, with the in-process scorer of {@code fraud} v1 to check its answers against.
 */
abstract class ServedRegistryTest {
    @TempDir
    static Path dir;
    static InferenceServer server;
    static Scorer reference;

    @BeforeAll
    static void start() throws Exception {
        ModelRegistry registry = ServingFixtures.registry(dir);
        server = InferenceServer.start(ServerConfig.local(0).withGrpcPort(0), registry, List.of());
        reference = XGBoostJsonModel.load(new ByteArrayInputStream(registry.modelBytes("fraud", 1))).scorer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }
}

package io.streamscore.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.registry.Baselines;
import io.streamscore.registry.Histogram;
import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.SelfCheck;
import io.streamscore.registry.SelfCheckRow;
import io.streamscore.serving.client.RemoteModelCheck;
import io.streamscore.serving.client.RemoteModelCheck.Problem;
import io.streamscore.serving.client.RemoteScoringConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check that the server of {@code model.remote} has the model and takes the registry version's features, against
 * a real {@code serve} over REST and over gRPC: each wrong setting is named with the spec field to fix.
 */
class RemoteModelCheckTest extends ServedRegistryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static String url(String transport) {
        return "gRPC".equals(transport) ? server.grpcTarget() : server.url();
    }

    private static ModelManifest manifest(int version) throws IOException {
        return ModelRegistry.open(dir.resolve("registry")).manifest("fraud", version);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void aServerWithTheModelAndItsFeaturesPasses(String transport) throws IOException {
        RemoteScoringConfig config = RemoteScoringConfig.defaults(url(transport), "fraud");
        ModelManifest champion = RemoteModelCheck.manifest(ModelRegistry.open(dir.resolve("registry")), "fraud", null);

        assertThat(champion.version()).as("the champion, not the newest").isEqualTo(1);
        assertThat(RemoteModelCheck.check(config, champion, TIMEOUT)).isEmpty();
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void anUnknownModelOrVersionNamesTheField(String transport) throws IOException {
        Optional<Problem> model = RemoteModelCheck.check(RemoteScoringConfig.defaults(url(transport), "fraud-v9"),
                manifest(1), TIMEOUT);
        Optional<Problem> version = RemoteModelCheck.check(withVersion(url(transport), 9), manifest(1), TIMEOUT);

        assertThat(model).get().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("model.remote.model");
            assertThat(problem.reason()).startsWith("the server at " + url(transport) + " has no model 'fraud-v9' (")
                    .contains("unknown model 'fraud-v9'");
        });
        assertThat(version).get().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("model.remote.version");
            assertThat(problem.reason()).contains("has no model 'fraud' version 9", "no version 9");
        });
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"REST", "gRPC"})
    void aModelThatTakesOtherFeaturesIsRefusedSayingWhatEachSideHas(String transport) throws IOException {
        ModelManifest m = manifest(1);
        Map<String, Histogram> baselines = new HashMap<>(m.baselines().features());
        baselines.put("merchants_24h", baselines.get("hour"));
        ModelManifest threeFeatures = new ModelManifest(m.name(), m.version(), m.format(),
                List.of("amount", "hour", "merchants_24h"), m.objective(), m.trainingTimeRange(), m.metrics(),
                new Baselines(baselines, m.baselines().score()),
                new SelfCheck(List.of(new SelfCheckRow(new double[] {120, 3, 1}, 0.5)), 1e-6), m.createdAtMillis(),
                m.sha256());

        Optional<Problem> problem = RemoteModelCheck.check(RemoteScoringConfig.defaults(url(transport), "fraud"),
                threeFeatures, TIMEOUT);

        assertThat(problem).get().satisfies(p -> {
            assertThat(p.field()).isEqualTo("model.remote.model");
            assertThat(p.reason()).isEqualTo("model 'fraud' at " + url(transport) + " takes input 'features' (FP64 "
                    + "[-1, 2]), but the pipeline sends one input 'features' of shape [rows, 3] (the features of fraud "
                    + "v1 in the registry: [amount, hour, merchants_24h]); serve the same version there, or pin "
                    + "`model.remote.version` to the one served");
        });
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"http", "grpc"})
    void aServerThatDoesNotAnswerNamesTheUrl(String scheme) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = scheme + "://127.0.0.1:" + closed;

        Optional<Problem> problem = RemoteModelCheck.check(RemoteScoringConfig.defaults(url, "fraud"), manifest(1),
                TIMEOUT);

        assertThat(problem).get().satisfies(p -> {
            assertThat(p.field()).isEqualTo("model.remote.url");
            assertThat(p.reason()).startsWith("the model server at " + url + " did not answer for model 'fraud' (")
                    .endsWith("); check `model.remote.url` or start the server");
        });
    }

    private static RemoteScoringConfig withVersion(String url, int version) {
        RemoteScoringConfig defaults = RemoteScoringConfig.defaults(url, "fraud");
        return new RemoteScoringConfig(url, "fraud", version, defaults.maxBatch(), defaults.maxWait(),
                defaults.maxInFlight(), defaults.timeout(), defaults.retries(), defaults.backoff(),
                defaults.breakerFailures(), defaults.breakerOpenFor(), defaults.ordered(), defaults.fallback(),
                defaults.defaultScore(), defaults.binaryData());
    }
}

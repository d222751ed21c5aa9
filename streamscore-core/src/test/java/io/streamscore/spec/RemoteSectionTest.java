package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.serving.client.RemoteScoringConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code model.remote.url}: the REST base URL or the gRPC address, and what a wrong one is told. */
class RemoteSectionTest {
    private static SpecDraft withRemote(String url) {
        return SpecDraft.minimal().in(Path.of("/specs")).set("model", Map.of("registry", "models", "name", "fraud",
                "threshold", 0.7, "remote", Map.of("url", url)));
    }

    @Test
    void restUrlScoresOverRest() {
        RemoteScoringConfig remote = withRemote("http://127.0.0.1:8080").load().model().orElseThrow()
                .remoteScoring().orElseThrow();

        assertThat(remote.grpc()).isFalse();
        assertThat(remote.endpoint()).isEqualTo("http://127.0.0.1:8080/v2/models/fraud/infer");
    }

    @Test
    void grpcAddressScoresOverGrpc() {
        RemoteScoringConfig remote = withRemote("grpc://127.0.0.1:8081").set("model.remote.version", 3).load()
                .model().orElseThrow().remoteScoring().orElseThrow();

        assertThat(remote.grpc()).isTrue();
        assertThat(remote.url()).isEqualTo("grpc://127.0.0.1:8081");
        assertThat(remote.endpoint()).isEqualTo("grpc://127.0.0.1:8081 (gRPC ModelInfer, model fraud version 3)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc://127.0.0.1", "grpc://127.0.0.1:8081/v2", "grpc://127.0.0.1:8081?tls=1",
        "grpc:127.0.0.1:8081"})
    void grpcAddressWithoutAPortOrWithMoreIsRefusedSayingWhatToWrite(String url) {
        SpecError error = withRemote(url).onlyError();

        assertThat(error.path()).isEqualTo("model.remote.url");
        assertThat(error.problem()).contains("'" + url + "' is not a gRPC address", "grpc://host:port");
        assertThat(error.fix()).contains("grpc://127.0.0.1:8081", "http://127.0.0.1:8080");
    }

    @Test
    void otherSchemesAreRefusedNamingBoth() {
        SpecError error = withRemote("grpcs://models:8443").onlyError();

        assertThat(error.path()).isEqualTo("model.remote.url");
        assertThat(error.problem()).contains("is not an http(s) or grpc URL");
    }
}

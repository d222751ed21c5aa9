package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.serving.Datatype;
import io.streamscore.serving.client.RemoteScoringConfig;
import io.streamscore.serving.client.RemoteTensors;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code model.remote.url}: the REST base URL or the gRPC address, and what a wrong one is told. */
class RemoteSectionTest {
    private static SpecDraft withRemote(String url) {
        return SpecDraft.minimal().in(Path.of("/specs")).set("model", Map.of("registry", "models", "name", "fraud",
                "threshold", 0.7, "remote", Map.of("url", url)));
    }

    /** The one error of {@code draft}, asserting it is at {@code path}. */
    private static SpecError onlyErrorAt(String path, SpecDraft draft) {
        SpecError error = draft.onlyError();
        assertThat(error.path()).isEqualTo(path);
        return error;
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
        SpecError error = withRemote("tcp://models:8443").onlyError();

        assertThat(error.path()).isEqualTo("model.remote.url");
        assertThat(error.problem()).contains("is not an http(s) or grpc(s) URL");
        assertThat(withRemote("grpcs://models:8443").load().model().orElseThrow().remoteScoring().orElseThrow().tls())
                .as("grpcs:// is gRPC over TLS").isTrue();
    }

    @Test
    void aModelsOwnTensorNamesAreRead() {
        RemoteScoringConfig remote = withRemote("grpc://triton:8001").set("model.remote.input", "float_input")
                .set("model.remote.datatype", "fp32").set("model.remote.output", "probabilities")
                .set("model.remote.output_column", 1).load().model().orElseThrow().remoteScoring().orElseThrow();

        assertThat(remote.tensors()).isEqualTo(new RemoteTensors("float_input", Datatype.FP32, "probabilities", 1));
        assertThat(withRemote("http://127.0.0.1:8080").load().model().orElseThrow().remoteScoring().orElseThrow()
                .tensors()).as("the defaults: what serve speaks").isEqualTo(RemoteTensors.DEFAULT);
    }

    @Test
    void aDatatypeThatIsNotSentIsRefusedNamingTheTwoThatAre() {
        SpecError error = withRemote("grpc://triton:8001").set("model.remote.datatype", "INT64").onlyError();

        assertThat(error.path()).isEqualTo("model.remote.datatype");
        assertThat(error.problem()).contains("'INT64' is not a datatype the rows are sent as");
        assertThat(error.fix()).contains("`FP64`", "`FP32`");
    }

    @Test
    void anEmptyInputNameIsRefused() {
        SpecError error = withRemote("grpc://triton:8001").set("model.remote.input", " ").onlyError();

        assertThat(error.path()).isEqualTo("model.remote.input");
        assertThat(error.fix()).contains("input: float_input");
    }

    @Test
    void headersAreSentWithTheirSecretsResolvedAndPrintedMasked() {
        RemoteScoringConfig remote = withRemote("grpc://kserve:8081").env("MODEL_TOKEN", "t0k3n-for-tests")
                .set("model.remote.headers", Map.of("Authorization", "Bearer ${MODEL_TOKEN}", "X-Route", "blue"))
                .load().model().orElseThrow().remoteScoring().orElseThrow();

        assertThat(remote.headers()).containsExactlyInAnyOrderEntriesOf(
                Map.of("Authorization", "Bearer t0k3n-for-tests", "X-Route", "blue"));
        assertThat(remote.toString()).doesNotContain("t0k3n", "blue").contains("Authorization=****");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "Host", "grpc-timeout", "x-trace-bin", "Inference-Header-Content-Length",
        "Bad Header"})
    void headersTheClientsSetThemselvesAreRefused(String name) {
        SpecError error = withRemote("http://127.0.0.1:8080").set("model.remote.headers", Map.of(name, "x"))
                .onlyError();

        assertThat(error.problem()).contains("`" + name + "` cannot be set here");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "max_wait         | 2s   | '2s' is longer than the maximum 1s; a batch waits",
        "timeout          | 2m   | '2m' is longer than the maximum 1m; a slower server",
        "backoff          | 20s  | '20s' is longer than the maximum 10s; retries double",
        "breaker_open_for | 11m  | '11m' is longer than the maximum 10m; the breaker tries"})
    void aDurationAboveItsMaximumSaysWhyAfterASeparator(String key, String written, String problem) {
        SpecError error = onlyErrorAt("model.remote." + key, withRemote("http://127.0.0.1:8080")
                .set("model.remote." + key, written));

        assertThat(error.problem()).startsWith(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Authorization       | Bearer abc123         | Authorization: \"Bearer ${MODEL_TOKEN}\"",
        "Proxy-Authorization | Basic dXNlcjpwdw==    | Proxy-Authorization: \"Bearer ${MODEL_TOKEN}\"",
        "Cookie              | session=abc123        | Cookie: \"session=${MODEL_SESSION}\"",
        "Set-Cookie          | id=${ID}; session=abc | Set-Cookie: \"session=${MODEL_SESSION}\"",
        "X-Api-Key           | abc123                | X-Api-Key: ${MODEL_X_API_KEY}"})
    void aCredentialHeaderWrittenInTheSpecIsRefusedWithAFixForThatHeader(String name, String value, String fix) {
        SpecError error = onlyErrorAt("model.remote.headers." + name, withRemote("grpc://kserve:8081")
                .env("ID", "1").set("model.remote.headers", Map.of(name, value)));

        assertThat(error.problem()).contains("holds a credential").doesNotContain("abc");
        assertThat(error.fix()).contains(fix).doesNotContain("KAFKA", "password=");
    }

    @Test
    void cookiesAndProxyCredentialsFromVariablesAreSentAndPrintedMasked() {
        RemoteScoringConfig remote = withRemote("grpc://kserve:8081").env("SESSION", "s3ss").env("PROXY", "pr0xy")
                .set("model.remote.headers", Map.of("Cookie", "session=${SESSION}", "Proxy-Authorization",
                        "Basic ${PROXY}")).load().model().orElseThrow().remoteScoring().orElseThrow();

        assertThat(remote.headers()).containsEntry("Cookie", "session=s3ss")
                .containsEntry("Proxy-Authorization", "Basic pr0xy");
        assertThat(remote.toString()).doesNotContain("s3ss", "pr0xy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://u:hunter2@models:8443", "https://hunter2@models:8443",
        "https://models:8443/v2?api_key=hunter2", "http://models:8080/?x=1&access_token=hunter2",
        "https://models/infer?X-Amz-Signature=hunter2", "grpc://u:hunter2@models:8081"})
    void credentialsInTheUrlAreRefusedPointingToHeaders(String url) {
        SpecError error = onlyErrorAt("model.remote.url", withRemote(url));

        assertThat(error.problem()).startsWith("the URL holds ").doesNotContain("hunter2");
        assertThat(error.fix()).contains("model.remote.headers", "${MODEL_TOKEN}").doesNotContain("hunter2");
    }

    @Test
    void portZeroIsRefusedAndNoPortMeansTheSchemesDefault() {
        SpecError error = onlyErrorAt("model.remote.url", withRemote("http://models:0"));

        assertThat(error.problem()).startsWith("port 0 in 'http://models:0' is out of range");
        assertThat(withRemote("https://models.example.com/v2").set("model.remote.headers", Map.of("X-Route", "a"))
                .errors()).isEmpty();
    }
}

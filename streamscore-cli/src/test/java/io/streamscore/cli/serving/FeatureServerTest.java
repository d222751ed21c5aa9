package io.streamscore.cli.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.cli.testing.TestServers;
import io.streamscore.flink.store.FeatureStoreLayout;
import io.streamscore.flink.store.FeatureVector;
import io.streamscore.flink.store.RedisConnector;
import io.streamscore.flink.store.RedisFeatureWriter;
import io.streamscore.spec.RedisStoreSpec;
import io.streamscore.spec.SecretValue;
import io.streamscore.spec.ServingSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The serving API over a real Redis: single and batch reads, 404s, and the bearer token. */
class FeatureServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "t0ken-for-tests";

    private final HttpClient http = HttpClient.newHttpClient();
    private RedisStoreSpec store;
    private FeatureServer server;

    @BeforeEach
    void start() throws Exception {
        store = new RedisStoreSpec(TestServers.redis(), null, "serve-" + UUID.randomUUID() + ":",
                Duration.ofMinutes(5), "transactions", "user_id", List.of("spend_5m", "tx_1h"), 10);
        try (RedisFeatureWriter writer = RedisFeatureWriter.connect(store)) {
            writer.write(new FeatureVector("u1", "e1", 1_000, new double[] {12.5, 3}));
            writer.write(new FeatureVector("user 2/β", "e2", 2_000, new double[] {Double.NaN, 1}));
            writer.flush();
        }
        server = FeatureServer.start(new ServingSpec("127.0.0.1", 0, new SecretValue("SERVING_TOKEN", TOKEN)),
                FeatureLookup.connect(store, 2));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            try (Jedis redis = RedisConnector.connect(store.address(), null)) {
                redis.del(redis.keys(store.keyPrefix() + "*").toArray(String[]::new));
            }
        }
    }

    private HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return get(pathAndQuery, "Bearer " + TOKEN);
    }

    @Test
    void oneEntityIsItsNewestVectorWithTheTimeItIsValidAt() throws Exception {
        HttpResponse<String> response = get("/u1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("entity").asText()).isEqualTo("u1");
        assertThat(body.get("found").asBoolean()).isTrue();
        assertThat(body.get("valid_at").asLong()).isEqualTo(1_000);
        assertThat(body.get("event_id").asText()).isEqualTo("e1");
        assertThat(body.get("features").toString()).isEqualTo("{\"spend_5m\":12.5,\"tx_1h\":3.0}");
    }

    @Test
    void unknownEntityIs404() throws Exception {
        HttpResponse<String> response = get("/nobody");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("found").asBoolean()).isFalse();
    }

    @Test
    void entityNamesAreUrlDecodedAndUndefinedFeaturesAreNull() throws Exception {
        JsonNode body = JSON.readTree(get("/user%202%2F%CE%B2").body());

        assertThat(body.get("entity").asText()).isEqualTo("user 2/β");
        assertThat(body.get("features").get("spend_5m").isNull()).isTrue();
        assertThat(body.get("features").get("tx_1h").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aPlusInThePathIsPartOfTheEntity() throws Exception {
        try (RedisFeatureWriter writer = RedisFeatureWriter.connect(store)) {
            writer.write(new FeatureVector("a+b", "e3", 3_000, new double[] {1, 2}));
            writer.flush();
        }

        for (String path : List.of("/a+b", "/a%2Bb")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).get("entity").asText()).as(path).isEqualTo("a+b");
        }
        assertThat(JSON.readTree(get("?entity=a%2Bb").body()).get("results").get(0).get("found").asBoolean())
                .as("in a query string '+' is a space, so a '+' is sent as %2B").isTrue();
    }

    @Test
    void aStoredValueThatIsNotANumberIs503WithAJsonReason() throws Exception {
        try (Jedis redis = RedisConnector.connect(store.address(), null)) {
            redis.hset(FeatureStoreLayout.of(store).key("u1"), "spend_5m", "not a number");
        }

        HttpResponse<String> response = get("/u1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body()).get("error").asText())
                .isEqualTo("feature store unavailable: NumberFormatException");
    }

    @Test
    void aStoreThatDoesNotAnswerIs503WithAJsonReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RedisStoreSpec down = new RedisStoreSpec("127.0.0.1:" + closedPort, null, store.keyPrefix(),
                store.ttl(), "transactions", "user_id", store.features(), 10);
        server.close();
        server = FeatureServer.start(new ServingSpec("127.0.0.1", 0, new SecretValue("SERVING_TOKEN", TOKEN)),
                FeatureLookup.connect(down, 2));

        for (String pathAndQuery : List.of("/u1", "?entity=u1")) {
            HttpResponse<String> response = get(pathAndQuery);
            assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("error").asText()).as(pathAndQuery)
                    .startsWith("feature store unavailable: ");
        }
    }

    @Test
    void batchGetAnswersEveryEntityInOrder() throws Exception {
        HttpResponse<String> response = get("?entity=nobody&entity=u1");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("found").asBoolean()).isFalse();
        assertThat(results.get(1).get("valid_at").asLong()).isEqualTo(1_000);
    }

    @Test
    void batchPostTakesAListOfEntities() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url()))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"entities\": [\"u1\", \"user 2/β\"]}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertThat(results.findValuesAsText("event_id")).containsExactly("e1", "e2");
    }

    @Test
    void aBadBatchBodyIsRefusedNamingWhatIsWrong() throws Exception {
        assertThat(post("{\"entities\": [")).satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("the body is not valid JSON"));
        assertThat(post("{\"entities\": [\"u1\", 2, null]}").body()).contains("entity 2 is not a string");
        assertThat(post("{\"ids\": []}").body()).contains("the body has no \\\"entities\\\" array");
        assertThat(post("{\"entities\": [" + "\"u\",".repeat(1001) + "\"u\"]}").body())
                .contains("name 1 to 1000 entities, not 1002");
        HttpResponse<String> huge = post(" ".repeat(FeatureServer.MAX_BODY_BYTES + 1));
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    @Test
    void aWrongMethodOnAnEndpointIs405WithAllow() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/u1"))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(response.body()).contains("/v1/features/u1 takes GET or HEAD, not DELETE");
        HttpResponse<String> batch = http.send(HttpRequest.newBuilder(URI.create(server.url()))
                .header("Authorization", "Bearer " + TOKEN).PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(batch.statusCode()).isEqualTo(405);
        assertThat(batch.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
    }

    @Test
    void headIsAnsweredLikeGetWithoutTheBody() throws Exception {
        for (String pathAndQuery : List.of("/u1", "/nobody", "?entity=u1&entity=nobody")) {
            HttpResponse<String> get = get(pathAndQuery);
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery))
                    .header("Authorization", "Bearer " + TOKEN).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(head.statusCode()).as(pathAndQuery).isEqualTo(get.statusCode());
            assertThat(head.body()).as(pathAndQuery).isEmpty();
            assertThat(head.headers().firstValueAsLong("Content-Length")).as(pathAndQuery)
                    .isEqualTo(get.headers().firstValueAsLong("Content-Length"));
        }
    }

    @Test
    void aBatchBodyDeclaredAsAnotherTypeThanJsonIs415NamingJson() throws Exception {
        HttpResponse<String> xml = post("{\"entities\": [\"u1\"]}", "application/xml");

        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(xml.body()).get("error").asText()).startsWith(
                "Content-Type 'application/xml' is not supported here: send the body as application/json; ");
        assertThat(post("{\"entities\": [\"u1\"]}", "text/plain").statusCode()).isEqualTo(415);
        assertThat(post("{\"entities\": [\"u1\"]}", "application/json; charset=utf-8").statusCode()).isEqualTo(200);
        assertThat(post("{\"entities\": [\"u1\"]}", "application/x-www-form-urlencoded").statusCode())
                .as("curl -d's default").isEqualTo(200);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body, null);
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url()))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void emptyBatchIsABadRequest() throws Exception {
        assertThat(get("").statusCode()).isEqualTo(400);
        assertThat(get("?other=1").statusCode()).isEqualTo(400);
    }

    @Test
    void missingOrWrongTokenIsRefused() throws Exception {
        HttpResponse<String> missing = get("/u1", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(missing.body()).doesNotContain("12.5");

        assertThat(get("/u1", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/u1", TOKEN).statusCode()).as("the scheme is required").isEqualTo(401);
    }

    @Test
    void otherPathsAre404WithTheEndpointsNamed() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.url().replace("/v1/features", "/v2/x")))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("no such endpoint: GET /v2/x; use "
                + "GET /v1/features/{entity}, GET /v1/features?entity=..., or POST /v1/features");
    }
}

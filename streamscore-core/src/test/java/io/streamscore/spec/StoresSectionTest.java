package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoresSectionTest {
    private static final List<Map<String, Object>> FEATURES = List.of(
            Map.of("name", "user_spend_5m", "aggregation", "sum", "field", "amount", "window", "5m"),
            Map.of("name", "user_tx_1h", "aggregation", "count", "window", "1h"));

    private static SpecDraft withFeatures() {
        return SpecDraft.minimal().set("features", FEATURES);
    }

    @Test
    void noStoresSectionIsNone() {
        assertThat(SpecDraft.minimal().load().stores()).isEqualTo(StoresSpec.NONE);
        assertThat(SpecDraft.minimal().set("stores", Map.of()).load().stores().isEmpty()).isTrue();
    }

    @Test
    void redisDefaultsToEmbeddedWithEveryFeatureOfTheSourceKeyedByItsKey() {
        RedisStoreSpec redis = withFeatures().set("stores.redis", Map.of()).load().stores().redis();

        assertThat(redis.embedded()).isTrue();
        assertThat(redis.source()).isEqualTo("transactions");
        assertThat(redis.entity()).isEqualTo("user_id");
        assertThat(redis.features()).containsExactly("user_spend_5m", "user_tx_1h");
        assertThat(redis.keyPrefix()).isEqualTo("fraud:");
        assertThat(redis.ttl()).isEqualTo(RedisStoreSpec.DEFAULT_TTL);
        assertThat(redis.password()).isNull();
    }

    @Test
    void keyPrefixWithWhitespaceOrAControlCharacterIsRefused() {
        for (String prefix : List.of("fraud:\n", "fraud :", "a\tb")) {
            SpecError error = withFeatures().set("stores.redis", Map.of("address", "127.0.0.1:16379",
                    "key_prefix", prefix, "features", List.of("user_tx_1h"))).onlyError();

            assertThat(error.path()).isEqualTo("stores.redis.key_prefix");
            assertThat(error.problem()).endsWith("contains whitespace or a control character").doesNotContain("\n");
        }
    }

    @Test
    void redisSettingsAreRead() {
        RedisStoreSpec redis = withFeatures().set("stores.redis", Map.of("address", "127.0.0.1:16379",
                "key_prefix", "f:", "ttl", 0, "entity", "card_id", "features", List.of("user_tx_1h"),
                "batch_size", 50)).load().stores().redis();

        assertThat(redis.address()).isEqualTo("127.0.0.1:16379");
        assertThat(redis.ttl()).isEqualTo(Duration.ZERO);
        assertThat(redis.entity()).isEqualTo("card_id");
        assertThat(redis.features()).containsExactly("user_tx_1h");
        assertThat(redis.batchSize()).isEqualTo(50);
    }

    @Test
    void unknownFeatureIsAnErrorWithSuggestion() {
        SpecError error = withFeatures().set("stores.redis.features", List.of("user_tx_1")).onlyError();

        assertThat(error.path()).isEqualTo("stores.redis.features[0]");
        assertThat(error.problem()).isEqualTo("'user_tx_1' is not a feature column of source `transactions`");
        assertThat(error.fix()).contains("did you mean `user_tx_1h`?");
    }

    /**
     * Transactions joined with a click stream (one joined column, {@code clicks_10m}), with or without
     * {@link #FEATURES}, and a Redis store of transactions.
     */
    private static SpecDraft joined(boolean features) {
        SpecDraft draft = SpecDraft.minimal()
                .set("sources.clicks", Map.of("topic", "clicks", "schema", "click", "key", "user_id",
                        "event_time", "event_time"))
                .set("joins.source", "transactions")
                .set("joins.clicks", Map.of("source", "clicks", "features",
                        List.of(Map.of("name", "clicks_10m", "measure", "clicks"))))
                .set("stores.redis.source", "transactions");
        if (features) {
            draft = draft.set("features", FEATURES.stream().map(feature -> {
                Map<String, Object> withSource = new java.util.HashMap<>(feature);
                withSource.put("source", "transactions");
                return withSource;
            }).toList());
        }
        return draft;
    }

    @Test
    void everyFeatureMeansTheFeaturesThenTheJoinedColumns() {
        assertThat(joined(true).load().stores().redis().features())
                .containsExactly("user_spend_5m", "user_tx_1h", "clicks_10m");
        assertThat(joined(false).load().stores().redis().features())
                .as("a source with joined columns only").containsExactly("clicks_10m");
    }

    @Test
    void joinedColumnsCanBeListed() {
        RedisStoreSpec redis = joined(true)
                .set("stores.redis.features", List.of("clicks_10m", "user_tx_1h")).load().stores().redis();

        assertThat(redis.features()).containsExactly("clicks_10m", "user_tx_1h");
    }

    @Test
    void unknownColumnOfAJoinedSourceIsAnErrorNamingBothKinds() {
        SpecError error = joined(true).set("stores.redis.features", List.of("clicks_10")).onlyError();

        assertThat(error.path()).isEqualTo("stores.redis.features[0]");
        assertThat(error.problem()).isEqualTo("'clicks_10' is not a feature or joined column of source `transactions`");
        assertThat(error.fix()).contains("did you mean `clicks_10m`?");
    }

    @Test
    void columnOfAnotherSourceNamesThatSourceInsteadOfAnEmptyList() {
        SpecError error = joined(false).set("stores.redis.source", "clicks")
                .set("stores.redis.features", List.of("clicks_10m")).onlyError();

        assertThat(error.problem()).isEqualTo("'clicks_10m' is not a feature column of source `clicks`");
        assertThat(error.fix()).isEqualTo("it is a column of source `transactions`: store that source, "
                + "`source: transactions`");
    }

    @Test
    void unknownColumnOfASourceWithoutFeaturesSaysWhatIsNeeded() {
        SpecError error = joined(false).set("stores.redis.source", "clicks")
                .set("stores.redis.features", List.of("nothing_like_it")).onlyError();

        assertThat(error.fix()).isEqualTo("source `clicks` has no feature columns: declare features for it in "
                + "`features`, join columns to it in `joins`, or store another source's (`source:`)");
    }

    @Test
    void joinedColumnOfABrokenJoinsSectionIsNotReportedTwice() {
        SpecError error = joined(true)
                .set("joins.clicks.features", List.of(Map.of("name", "clicks_10m", "measure", "klicks")))
                .set("stores.redis.features", List.of("clicks_10m")).onlyError();

        assertThat(error.path()).startsWith("joins.clicks.features[0]");
    }

    @Test
    void redisWithoutFeaturesIsAnError() {
        SpecError error = SpecDraft.minimal().set("stores.redis.address", "embedded").onlyError();

        assertThat(error.path()).isEqualTo("stores.redis.features");
        assertThat(error.problem()).contains("has no features to store");
    }

    @Test
    void addressWithoutPortIsAnError() {
        SpecError error = withFeatures().set("stores.redis.address", "redis-host").onlyError();

        assertThat(error.path()).isEqualTo("stores.redis.address");
        assertThat(error.problem()).isEqualTo("'redis-host' is not host:port (no port)");
        assertThat(error.fix()).contains("`embedded`");
    }

    @Test
    void entityMustBeAStringOrLongField() {
        SpecError error = withFeatures().set("stores.redis.entity", "amount").onlyError();

        assertThat(error.path()).isEqualTo("stores.redis.entity");
        assertThat(error.problem()).contains("field 'amount' is a double field");
    }

    @Test
    void postgresNeedsAJdbcUrlAndKeepsDefaultTables() {
        PostgresStoreSpec postgres = SpecDraft.minimal()
                .set("stores.postgres", Map.of("url", "jdbc:postgresql://127.0.0.1:15432/streamscore",
                        "user", "streamscore")).load().stores().postgres();

        assertThat(postgres.url()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/streamscore");
        assertThat(postgres.scoresTable()).isEqualTo("scores");
        assertThat(postgres.alertsTable()).isEqualTo("alerts");
        assertThat(postgres.batchSize()).isEqualTo(PostgresStoreSpec.DEFAULT_BATCH_SIZE);

        assertThat(SpecDraft.minimal().set("stores.postgres.user", "x").onlyError().problem())
                .isEqualTo("required key `url` is missing");
        assertThat(SpecDraft.minimal().set("stores.postgres.url", "postgres://h/db").onlyError().problem())
                .isEqualTo("'postgres://h/db' is not a PostgreSQL JDBC URL");
    }

    @Test
    void tableNamesMustBePlainAndDistinct() {
        SpecDraft draft = SpecDraft.minimal().set("stores.postgres", Map.of("url", "jdbc:postgresql://h/db",
                "scores_table", "results", "alerts_table", "results"));
        assertThat(draft.onlyError().path()).isEqualTo("stores.postgres.alerts_table");

        SpecError error = SpecDraft.minimal().set("stores.postgres", Map.of("url", "jdbc:postgresql://h/db",
                "scores_table", "scores; drop table x")).onlyError();
        assertThat(error.problem()).isEqualTo("'scores; drop table x' is not a plain table name");
    }

    @ParameterizedTest
    @CsvSource({"public.scores, scores", "scores, public.scores", "public.results, public.results"})
    void tablesThatPostgresResolvesToTheSameTableAreRefused(String scores, String alerts) {
        SpecError error = SpecDraft.minimal().set("stores.postgres", Map.of("url", "jdbc:postgresql://h/db",
                "scores_table", scores, "alerts_table", alerts)).onlyError();

        assertThat(error.path()).isEqualTo("stores.postgres.alerts_table");
        assertThat(error.problem()).contains("share table 'public.");
        assertThat(SpecDraft.minimal().set("stores.postgres", Map.of("url", "jdbc:postgresql://h/db",
                "scores_table", "ml.scores", "alerts_table", "scores")).errors()).as("another schema").isEmpty();
    }

    @Test
    void tableNamesAreComparedAsPostgresFoldsUnquotedIdentifiers() {
        assertThat(PostgresStoreReader.qualified("Public.Scores")).isEqualTo(PostgresStoreReader.qualified("scores"));
    }

    @Test
    void servingDefaultsToLoopbackAndNeedsRedis() {
        ServingSpec serving = withFeatures().set("stores.redis", Map.of()).set("stores.serving", Map.of())
                .load().stores().serving();
        assertThat(serving.host()).isEqualTo("127.0.0.1");
        assertThat(serving.port()).isEqualTo(7070);
        assertThat(serving.token()).isNull();

        SpecError error = SpecDraft.minimal().set("stores.serving.port", 0).onlyError();
        assertThat(error.path()).isEqualTo("stores.serving");
        assertThat(error.fix()).contains("add `stores.redis`");
    }

    @Test
    void servingOnAPublicAddressNeedsAToken() {
        SpecError error = withFeatures().set("stores.redis", Map.of()).set("stores.serving.host", "0.0.0.0")
                .onlyError();

        assertThat(error.path()).isEqualTo("stores.serving.host");
        assertThat(error.fix()).contains("token: ${SERVING_TOKEN}");

        assertThat(withFeatures().set("stores.redis", Map.of()).set("stores.serving.host", "0.0.0.0")
                .set("stores.serving.token", "${TOKEN}").env("TOKEN", "t0k3n").errors()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"not a host!", "300.1.2.3", "10.0.1", "-features.internal", "a..b", "::g",
        ".:1", "[::1"})
    void servingHostThatIsNeitherAnAddressNorAHostNameIsRefused(String host) {
        SpecError error = withFeatures().set("stores.redis", Map.of()).set("stores.serving.host", host)
                .set("stores.serving.token", "${TOKEN}").env("TOKEN", "t").onlyError();

        assertThat(error.path()).isEqualTo("stores.serving.host");
        assertThat(error.problem()).isEqualTo("'" + host + "' is not an IP address or a host name");
        assertThat(error.fix()).contains("127.0.0.1", "0.0.0.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0.0.0.0", "::", "[::1]", "fe80::1", "localhost", "features.internal",
        "node-7.eu-west-1.compute.internal."})
    void servingHostMayBeAnyAddressOrHostName(String host) {
        assertThat(withFeatures().set("stores.redis", Map.of()).set("stores.serving.host", host)
                .set("stores.serving.token", "${TOKEN}").env("TOKEN", "t").errors()).isEmpty();
    }

    @Test
    void unknownKeyInStoresSuggestsTheClosest() {
        SpecError error = SpecDraft.minimal().set("stores.postgress", Map.of()).onlyError();

        assertThat(error.path()).isEqualTo("stores.postgress");
        assertThat(error.fix()).contains("did you mean `postgres`?");
    }
}

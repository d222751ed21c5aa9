package io.streamscore.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoinsSectionTest {
    private static SpecDraft draft() {
        return SpecDraft.minimal()
                .set("sources.clicks", Map.of("topic", "clicks", "schema", "click", "key", "user_id",
                        "event_time", "event_time"))
                .set("sources.profiles", Map.of("topic", "user-profiles", "schema", "user_profile_change",
                        "format", "debezium_json", "key", "after.user_id", "event_time", "ts_ms"))
                .set("joins.source", "transactions")
                .set("joins.clicks", Map.of("source", "clicks", "features", List.of(
                        Map.of("name", "clicks_10m", "measure", "clicks"),
                        Map.of("name", "failed_logins_1h", "measure", "failed_logins", "window", "1h"),
                        Map.of("name", "session_age", "measure", "session_age"))))
                .set("joins.profiles", Map.of("source", "profiles", "columns", List.of(
                        Map.of("name", "profile_risk", "field", "risk_tier",
                                "codes", Map.of("low", 0, "medium", 1, "high", 2)),
                        Map.of("name", "profile_email_verified", "field", "email_verified"))));
    }

    @Test
    void joinsAreReadWithTheirDefaults() {
        JoinsSpec joins = draft().load().joins();

        assertThat(joins.source()).isEqualTo("transactions");
        assertThat(joins.maxWait()).isEqualTo(JoinsSpec.DEFAULT_MAX_WAIT);
        assertThat(joins.clicks().features()).containsExactly(
                new ClickFeatureSpec("clicks_10m", ClickMeasure.CLICKS, Duration.ofMinutes(10)),
                new ClickFeatureSpec("failed_logins_1h", ClickMeasure.FAILED_LOGINS, Duration.ofHours(1)),
                new ClickFeatureSpec("session_age", ClickMeasure.SESSION_AGE, Duration.ofMinutes(10)));
        assertThat(joins.profiles().columns().get(0).codes()).containsEntry("high", 2.0);
        assertThat(joins.columns()).containsExactly("clicks_10m", "failed_logins_1h", "session_age",
                "profile_risk", "profile_email_verified");
        assertThat(joins.joinedSources()).containsExactly("clicks", "profiles");
    }

    @Test
    void noJoinsSectionMeansNone() {
        assertThat(SpecDraft.minimal().load().joins().isEmpty()).isTrue();
    }

    @Test
    void theEnrichedSourceCannotBeJoinedToItself() {
        SpecError error = draft().set("joins.clicks.source", "transactions").onlyError();

        assertThat(error.path()).isEqualTo("joins.clicks.source");
        assertThat(error.problem()).isEqualTo("source `transactions` is the one the join enriches");
        assertThat(error.fix()).isEqualTo("name another source here: the click stream, e.g. `source: clicks`");
    }

    @Test
    void aSourceIsJoinedOnce() {
        SpecError error = draft().set("joins.profiles.source", "clicks").onlyError();

        assertThat(error.path()).isEqualTo("joins.profiles.source");
        assertThat(error.problem()).isEqualTo("source `clicks` is joined already");
    }

    @Test
    void profileSourceMustCarryChangeEvents() {
        SpecError error = draft().set("sources.profiles.format", "json").set("sources.profiles.id_field", "op")
                .onlyError();

        assertThat(error.path()).isEqualTo("joins.profiles.source");
        assertThat(error.fix()).startsWith("set `sources.profiles.format: debezium_json`");
    }

    @Test
    void textColumnNeedsCodesAndNumericColumnRefusesThem() {
        assertThat(draft().set("joins.profiles.columns", List.of(Map.of("name", "c", "field", "country")))
                .onlyError().problem()).isEqualTo("text column `after.country` needs `codes`");
        assertThat(draft().set("joins.profiles.columns", List.of(Map.of("name", "c", "field", "email_verified",
                "codes", Map.of("x", 1)))).onlyError().fix()).isEqualTo("remove `codes`");
    }

    @Test
    void emptyCodesAreRefused() {
        SpecError error = draft().set("joins.profiles.columns", List.of(Map.of("name", "c", "field", "risk_tier",
                "codes", Map.of()))).onlyError();

        assertThat(error.path()).isEqualTo("joins.profiles.columns[0].codes");
        assertThat(error.problem()).isEqualTo("`codes` is empty: every value of `after.risk_tier` would become NaN");
    }

    @Test
    void unknownRowColumnSuggestsTheClosest() {
        SpecError error = draft().set("joins.profiles.columns", List.of(Map.of("name", "c", "field", "risk_teir",
                "codes", Map.of("low", 0)))).onlyError();

        assertThat(error.path()).isEqualTo("joins.profiles.columns[0].field");
        assertThat(error.fix()).startsWith("did you mean `risk_tier`?");
    }

    @Test
    void unknownMeasureListsTheMeasures() {
        SpecError error = draft().set("joins.clicks.features", List.of(Map.of("name", "x", "measure", "clickz")))
                .onlyError();

        assertThat(error.path()).isEqualTo("joins.clicks.features[0].measure");
        assertThat(error.fix()).contains("clicks, pages_viewed, failed_logins, session_age");
    }

    @Test
    void columnNamesMustBeNew() {
        assertThat(draft().set("joins.clicks.features", List.of(Map.of("name", "amount", "measure", "clicks")))
                .onlyError().problem()).isEqualTo("'amount' is a field of source `transactions`");
        assertThat(draft().set("joins.clicks.features", List.of(Map.of("name", "profile_risk", "measure", "clicks")))
                .onlyError().path()).isEqualTo("joins.profiles.columns[0].name");
    }

    @Test
    void keyMayOnlyRepeatTheSourcesKey() {
        assertThat(draft().set("joins.clicks.key", "user_id").errors()).isEmpty();
        SpecError error = draft().set("joins.clicks.key", "session_id").onlyError();

        assertThat(error.fix()).startsWith("remove `key`, or set `sources.clicks.key: session_id`");
    }

    @Test
    void joinsNeedASourceAndSomethingToJoin() {
        SpecError error = draft().remove("joins.clicks").remove("joins.profiles").onlyError();

        assertThat(error.problem()).isEqualTo("`joins` joins nothing");
        assertThat(draft().remove("joins.source").onlyError().path()).isEqualTo("joins.source");
        assertThat(draft().set("joins.max_wait", "1h").onlyError().path()).isEqualTo("joins.max_wait");
    }

    @Test
    void debeziumSourceMustBeKeyedByARowColumn() {
        SpecError error = draft().set("sources.profiles.key", "op").onlyError();

        assertThat(error.path()).isEqualTo("sources.profiles.key");
        assertThat(error.fix()).contains("`key: after.user_id`");
    }
}

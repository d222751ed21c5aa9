package io.streamscore.features;

import static io.streamscore.features.FeatureFixtures.AMOUNT;
import static io.streamscore.features.FeatureFixtures.SECOND;
import static io.streamscore.features.FeatureFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FeatureStateMigration} over every aggregation: a carried feature answers the rest of the stream bit for bit
 * like the old state, a new or redefined one like a feature that started at the migration, and a removed one is gone.
 */
class FeatureStateMigrationTest {
    private static final int PREFIX = 2_000;

    private final FeatureSet old = FeatureFixtures.everyAggregation();
    private final List<RandomEventStream.Step> steps =
            new RandomEventStream(41, 3 * SECOND, 20 * SECOND, 0.2, 100).steps(4_000, T0);
    /** Redefined under an old name: a 10-minute average where the old set has a 5-minute one. */
    private final FeatureDefinition avg10m = FeatureFixtures.feature("avg_5m", Aggregation.AVG, AMOUNT,
            Duration.ofMinutes(10));
    private final FeatureDefinition sum1h = FeatureFixtures.feature("sum_1h_new", Aggregation.SUM, AMOUNT,
            Duration.ofHours(1));

    /** The old features in reverse order, every third one dropped, avg_5m redefined and one feature added. */
    private FeatureSet changed() {
        List<FeatureDefinition> definitions = new ArrayList<>();
        for (int i = old.size() - 1; i >= 0; i--) {
            FeatureDefinition d = old.definition(i);
            if (d.name().equals("avg_5m")) {
                definitions.add(avg10m);
            } else if (i % 3 != 1) {
                definitions.add(d);
            }
        }
        definitions.add(2, sum1h);
        return FeatureSet.of(definitions);
    }

    @Test
    void carriedFeaturesAnswerLikeTheOldStateAndNewOnesLikeFreshFeatures() {
        FeatureSet changed = changed();
        KeyedWindowState before = SameAnswers.fed(old, steps.subList(0, PREFIX));
        assertThat(before.pendingEvents()).isPositive();

        KeyedWindowState migrated = FeatureStateMigration.between(old, changed).migrate(before);

        assertThat(migrated.features()).isSameAs(changed);
        assertThat(migrated.horizon()).isEqualTo(before.horizon());
        assertThat(migrated.pendingEvents()).isEqualTo(before.pendingEvents());
        KeyedWindowState fresh = FeatureSet.of(avg10m, sum1h).newState();
        for (RandomEventStream.Step step : steps.subList(PREFIX, steps.size())) {
            FeatureVector expected = before.update(step.time(), step.numbers(), step.strings(), step.horizon());
            FeatureVector actual = migrated.update(step.time(), step.numbers(), step.strings(), step.horizon());
            FeatureVector started = fresh.update(step.time(), step.numbers(), step.strings(), step.horizon());
            for (int j = 0; j < changed.size(); j++) {
                String name = changed.definition(j).name();
                double want = name.equals("avg_5m") ? started.value(0)
                        : name.equals("sum_1h_new") ? started.value(1) : expected.value(old.indexOf(name));
                assertThat(Double.doubleToRawLongBits(actual.value(j))).as("%s at %d", name, step.time())
                        .isEqualTo(Double.doubleToRawLongBits(want));
            }
        }
    }

    @Test
    void namesWhatCarriesOverWhatStartsAndWhatIsDropped() {
        FeatureStateMigration migration = FeatureStateMigration.between(old, changed());

        assertThat(migration.started()).containsExactly("sum_1h_new", "avg_5m");
        assertThat(migration.carried()).contains("last16_30d_flagged", "count_1s").doesNotContain("avg_5m");
        assertThat(migration.dropped()).contains("avg_5m", "amount_count_30d_daily", "min_1h")
                .doesNotContainAnyElementsOf(migration.carried());
        assertThat(migration.carried().size() + migration.dropped().size()).isEqualTo(old.size());
    }

    @Test
    void aMigratedStateIsWrittenAndReadWithTheNewSet() throws IOException {
        FeatureSet changed = changed();
        KeyedWindowState migrated = FeatureStateMigration.between(old, changed)
                .migrate(SameAnswers.fed(old, steps.subList(0, PREFIX)));
        KeyedWindowStateSerializer format = new KeyedWindowStateSerializer(changed);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        format.write(migrated, new DataOutputStream(bytes));

        KeyedWindowState read = format.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        SameAnswers.assertSameAnswers(migrated, read, steps.subList(PREFIX, steps.size()));
    }

    @Test
    void theSameSetCarriesEverythingAndAnEmptyStateStaysEmpty() {
        FeatureStateMigration same = FeatureStateMigration.between(old, old);
        KeyedWindowState before = SameAnswers.fed(old, steps.subList(0, PREFIX));

        assertThat(same.started()).isEmpty();
        assertThat(same.dropped()).isEmpty();
        SameAnswers.assertSameAnswers(before.copy(), same.migrate(before), steps.subList(PREFIX, steps.size()));
        assertThat(FeatureStateMigration.between(old, changed()).migrate(old.newState()).isEmpty()).isTrue();
    }

    @Test
    void aChangedFilterSourceRestartsTheFeatureAndCodeOrUnrecordedFiltersMatchAny() {
        FeatureDefinition.Builder count = FeatureDefinition.builder("small_1h").aggregation(Aggregation.COUNT)
                .window(Duration.ofHours(1));
        FeatureSet under5 = FeatureSet.of(count.filter(new RecordedFeatureFilter("amount < 5")).build());
        FeatureSet under10 = FeatureSet.of(count.filter(new RecordedFeatureFilter("amount < 10")).build());
        FeatureSet unrecorded = FeatureSet.of(count.filter(new RecordedFeatureFilter(null)).build());
        FeatureSet code = FeatureSet.of(count.filter((numbers, strings) -> numbers[0] < 5).build());
        FeatureSet all = FeatureSet.of(count.filter(FeatureFilter.ALL).build());

        assertThat(FeatureStateMigration.between(under5, under10).started()).containsExactly("small_1h");
        assertThat(FeatureStateMigration.between(under5, all).started()).containsExactly("small_1h");
        assertThat(FeatureStateMigration.between(under5, FeatureSet.of(count.filter(
                new RecordedFeatureFilter("amount < 5")).build())).keepsEverything()).isTrue();
        assertThat(FeatureStateMigration.between(unrecorded, under10).keepsEverything()).isTrue();
        assertThat(FeatureStateMigration.between(under5, code).keepsEverything()).isTrue();
        assertThat(FeatureStateMigration.between(under5, under10).keepsEverything()).isFalse();
        assertThat(FeatureStateMigration.between(old, changed()).keepsEverything()).isFalse();
    }

    @Test
    void aFilterWrittenWithOtherSpacingKeepsItsStateOtherWritingsRestart() {
        FeatureDefinition.Builder count = FeatureDefinition.builder("small_1h").aggregation(Aggregation.COUNT)
                .window(Duration.ofHours(1));
        FeatureSet before = FeatureSet.of(count.filter(
                new RecordedFeatureFilter("amount<5 && merchant != \"m1\"")).build());

        for (String same : List.of("amount < 5 && merchant != \"m1\"", "  amount <\n 5&&merchant!=\"m1\" ")) {
            assertThat(FeatureStateMigration.between(before, FeatureSet.of(count.filter(
                    new RecordedFeatureFilter(same)).build())).started()).as(same).isEmpty();
        }
        for (String other : List.of("amount < 5 && merchant != \"m2\"", "(amount < 5) && merchant != \"m1\"",
                "amount < 5.0 && merchant != \"m1\"", "amount < 5 &&")) {
            assertThat(FeatureStateMigration.between(before, FeatureSet.of(count.filter(
                    new RecordedFeatureFilter(other)).build())).started()).as(other).containsExactly("small_1h");
        }
    }

    @Test
    void acceptingEveryEventStaysOneFilterThroughJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(FeatureFilter.ALL);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isSameAs(FeatureFilter.ALL);
        }
        assertThat(FeatureFilter.ALL.source()).isEmpty();
    }

    @Test
    void refusesAStateOfAnotherFeatureSet() {
        KeyedWindowState other = FeatureSet.of(sum1h).newState();

        assertThatThrownBy(() -> FeatureStateMigration.between(old, changed()).migrate(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another feature set");
    }
}

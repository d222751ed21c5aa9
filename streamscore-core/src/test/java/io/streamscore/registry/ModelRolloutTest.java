package io.streamscore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Champion, challengers, promotions and rollbacks of a model with versions 1 to 4. */
class ModelRolloutTest {
    @TempDir
    Path root;

    private ModelRegistry registry;

    @BeforeEach
    void registerFourVersions(@TempDir Path input) throws IOException {
        registry = ModelRegistry.open(root, Clock.fixed(ManifestFixtures.NOW, ZoneOffset.UTC), "alice");
        for (int seed = 1; seed <= 4; seed++) {
            registry.register("fraud", ManifestFixtures.modelFile(input, seed), ManifestFixtures.draft());
        }
    }

    @Test
    void newModelHasNoChampionUntilPromoted() throws IOException {
        assertThat(registry.champion("fraud")).isEmpty();

        registry.promote("fraud", 2, "best auc");

        assertThat(registry.champion("fraud")).map(ModelManifest::version).contains(2);
    }

    @Test
    void promotionIsRecordedWithWhoWhenAndWhy() throws IOException {
        registry.promote("fraud", 1, "first");
        RolloutState state = registry.promote("fraud", 2, "better pr_auc");

        assertThat(state.history()).containsExactly(
                new ChampionChange(ChampionChange.Kind.PROMOTE, null, 1, "alice", ManifestFixtures.NOW.toEpochMilli(),
                        "first"),
                new ChampionChange(ChampionChange.Kind.PROMOTE, 1, 2, "alice", ManifestFixtures.NOW.toEpochMilli(),
                        "better pr_auc"));
    }

    @Test
    void stateSurvivesReopeningTheRegistry() throws IOException {
        registry.promote("fraud", 1, "first");
        registry.setChallenger("fraud", 3, ChallengerMode.CANARY, 0.1);

        RolloutState reread = ModelRegistry.open(root).rollout("fraud");

        assertThat(reread.champion()).isEqualTo(1);
        assertThat(reread.challengers()).containsExactly(new Challenger(3, ChallengerMode.CANARY, 0.1));
        assertThat(reread.history()).hasSize(1);
    }

    @Test
    void promotingAVersionThatDoesNotExistSaysWhichExist() {
        assertThatThrownBy(() -> registry.promote("fraud", 9, "typo")).isInstanceOf(RegistryException.class)
                .hasMessage("model 'fraud' has no version 9; its versions: [1, 2, 3, 4]");
    }

    @Test
    void promotingTheChampionAgainIsRefused() throws IOException {
        registry.promote("fraud", 2, "");

        assertThatThrownBy(() -> registry.promote("fraud", 2, "again"))
                .hasMessage("version 2 is already the champion of 'fraud'");
    }

    @Test
    void rollbackRestoresThePreviousChampionsInOrder() throws IOException {
        registry.promote("fraud", 1, "");
        registry.promote("fraud", 2, "");
        registry.promote("fraud", 3, "");

        assertThat(registry.rollback("fraud", "3 alerts too much").champion()).isEqualTo(2);
        RolloutState state = registry.rollback("fraud", "2 is no better");

        assertThat(state.champion()).isEqualTo(1);
        assertThat(state.history()).last().isEqualTo(new ChampionChange(ChampionChange.Kind.ROLLBACK, 2, 1, "alice",
                ManifestFixtures.NOW.toEpochMilli(), "2 is no better"));
    }

    @Test
    void earlierChampionsAreWhatRollbacksWouldBringBackNewestFirstEachOnce() throws IOException {
        assertThat(registry.rollout("fraud").earlierChampions()).isEmpty();
        registry.promote("fraud", 1, "");
        registry.promote("fraud", 2, "");
        registry.promote("fraud", 1, "2 was worse");
        registry.promote("fraud", 3, "");
        registry.promote("fraud", 4, "");
        registry.rollback("fraud", "4 alerts too much");

        assertThat(registry.rollout("fraud").earlierChampions()).containsExactly(1, 2);
    }

    @Test
    void rollbackWithoutAPreviousChampionIsRefused() throws IOException {
        assertThatThrownBy(() -> registry.rollback("fraud", "")).isInstanceOf(RegistryException.class)
                .hasMessage("model 'fraud' has no previous champion to roll back to (it has no champion yet)");

        registry.promote("fraud", 1, "");
        registry.promote("fraud", 2, "");
        registry.rollback("fraud", "");

        assertThatThrownBy(() -> registry.rollback("fraud", ""))
                .hasMessage("model 'fraud' has no previous champion to roll back to (version 1 is its first champion)");
    }

    @Test
    void challengerIsAddedReplacedAndRemoved() throws IOException {
        registry.promote("fraud", 1, "");
        registry.setChallenger("fraud", 2, ChallengerMode.SHADOW, 0);
        registry.setChallenger("fraud", 3, ChallengerMode.CANARY, 0.05);

        RolloutState replaced = registry.setChallenger("fraud", 3, ChallengerMode.CANARY, 0.2);
        assertThat(replaced.challengers()).containsExactly(new Challenger(2, ChallengerMode.SHADOW, 0),
                new Challenger(3, ChallengerMode.CANARY, 0.2));

        assertThat(registry.removeChallenger("fraud", 2).challengers())
                .containsExactly(new Challenger(3, ChallengerMode.CANARY, 0.2));
    }

    @Test
    void promotedChallengerStopsBeingAChallenger() throws IOException {
        registry.promote("fraud", 1, "");
        registry.setChallenger("fraud", 2, ChallengerMode.CANARY, 0.1);

        RolloutState state = registry.promote("fraud", 2, "canary went well");

        assertThat(state.champion()).isEqualTo(2);
        assertThat(state.challengers()).isEmpty();
    }

    @Test
    void championCannotBeItsOwnChallenger() throws IOException {
        registry.promote("fraud", 1, "");

        assertThatThrownBy(() -> registry.setChallenger("fraud", 1, ChallengerMode.SHADOW, 0))
                .hasMessage("version 1 is the champion of 'fraud'; a challenger must be another version");
    }

    @Test
    void canarySharesAboveAllTheTrafficAreRefused() throws IOException {
        registry.setChallenger("fraud", 2, ChallengerMode.CANARY, 0.7);

        assertThatThrownBy(() -> registry.setChallenger("fraud", 3, ChallengerMode.CANARY, 0.4))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("model 'fraud': challengers: the canary shares add up to 1.1");
        assertThat(registry.rollout("fraud").challengers()).hasSize(1);
    }

    @Test
    void shadowWithAShareIsRefused() {
        assertThatThrownBy(() -> registry.setChallenger("fraud", 2, ChallengerMode.SHADOW, 0.3))
                .isInstanceOf(RegistryException.class).hasMessageContaining("share: a shadow takes no share");
    }

    @Test
    void canaryShareOutsideZeroExclusiveToOneIsRefusedNamingTheRangeAndNothingChanges() throws IOException {
        for (double share : new double[] {0, -0.1, Double.NaN, 1.5}) {
            assertThatThrownBy(() -> registry.setChallenger("fraud", 2, ChallengerMode.CANARY, share))
                    .as("share %s", share).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("share: " + share + " is outside (0, 1]")
                    .hasRootCauseInstanceOf(CanaryShareException.class);
        }
        assertThat(registry.rollout("fraud").challengers()).isEmpty();
    }

    @Test
    void canaryOfShareOneDecidesForEveryKeyAndIsStillAChallenger() throws IOException {
        registry.promote("fraud", 1, "");

        registry.setChallenger("fraud", 2, ChallengerMode.CANARY, 1.0);

        assertThat(registry.rollout("fraud").champion()).isEqualTo(1);
        assertThat(registry.rollout("fraud").challengers())
                .containsExactly(new Challenger(2, ChallengerMode.CANARY, 1.0));
    }

    @Test
    void registryJsonEditedToACanaryShareOutsideTheRangeIsRefusedNamingTheEntry() throws IOException {
        registry.setChallenger("fraud", 2, ChallengerMode.CANARY, 0.1);
        Path file = root.resolve("fraud").resolve("registry.json");
        Files.writeString(file, Files.readString(file).replace("0.1", "1.5"));

        assertThatThrownBy(() -> registry.rollout("fraud")).isInstanceOf(RegistryException.class)
                .hasMessageContaining("challengers[0]").hasMessageContaining("share: 1.5 is outside (0, 1]");
    }

    /** Registries written before shares were checked: a canary of share 0 never decided, so it reads as a shadow. */
    @Test
    void anOldCanaryOfShareZeroIsReadAsTheShadowItActedAsAndCanBeRemoved() throws IOException {
        registry.setChallenger("fraud", 2, ChallengerMode.CANARY, 0.1);
        Path file = root.resolve("fraud").resolve("registry.json");
        Files.writeString(file, Files.readString(file).replace("0.1", "0.0"));

        assertThat(registry.rollout("fraud").challengers())
                .containsExactly(new Challenger(2, ChallengerMode.SHADOW, 0));
        registry.removeChallenger("fraud", 2);
        assertThat(registry.rollout("fraud").challengers()).isEmpty();
    }

    @Test
    void removingAVersionThatIsNotAChallengerListsTheChallengers() throws IOException {
        registry.setChallenger("fraud", 3, ChallengerMode.CANARY, 0.1);

        assertThatThrownBy(() -> registry.removeChallenger("fraud", 2))
                .hasMessage("version 2 is not a challenger of 'fraud'; challengers: [3 (canary, share 0.1)]");
    }
}

package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.cli.testing.TestModels;
import io.streamscore.flink.scoring.ChampionFallbackScorer;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.ModelLoader;
import io.streamscore.scoring.Scorer;
import io.streamscore.serving.client.RemoteScore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.remote} with {@code version} set sends the rows of that version's features; the fallback
 * {@code champion} scores them with the champion, whose features may come in another order or be others.
 */
class RemoteChampionFallbackTest {
    private static final double AMOUNT = 250;
    private static final double VELOCITY = 1;

    @TempDir
    Path dir;

    @Test
    void theChampionScoresTheSentRowInItsOwnFeatureOrder() throws Exception {
        ModelRegistry registry = TestModels.registry(dir); // version 1, the champion: amount, velocity
        int served = TestModels.register(registry, List.of("velocity", "amount"), dir); // model.remote.version
        List<String> sent = registry.manifest(TestModels.NAME, served).featureNames();
        Scorer champion = new ModelLoader(registry, ModelLoader.BY_FORMAT).load(TestModels.NAME, 1).scorer();
        double expected = champion.score(new double[] {AMOUNT, VELOCITY});

        RemoteScore fallback = ChampionFallbackScorer.load(registry, TestModels.NAME, sent)
                .score(new double[] {VELOCITY, AMOUNT});

        assertThat(fallback).isEqualTo(new RemoteScore(expected, "1", true));
        assertThat(champion.score(new double[] {VELOCITY, AMOUNT})).as("the sent row as it is")
                .isNotEqualTo(expected);
    }

    @Test
    void aChampionFeatureTheSentRowsLackIsRefusedWhenTheJobStarts() throws Exception {
        ModelRegistry registry = TestModels.registry(dir);

        assertThatThrownBy(() -> ChampionFallbackScorer.load(registry, TestModels.NAME, List.of("amount")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("takes feature 'velocity', which the rows sent to the server do not hold")
                .hasMessageContaining("use `fallback: default`");
    }
}

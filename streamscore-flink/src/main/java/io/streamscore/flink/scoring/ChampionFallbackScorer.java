package io.streamscore.flink.scoring;

import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.ModelLoader;
import io.streamscore.scoring.Scorer;
import io.streamscore.serving.client.FallbackScorer;
import io.streamscore.serving.client.RemoteScore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The fallback {@code champion} of {@code model.remote}: the registry's champion, scored in the job, on the row the
 * pipeline sent to the server laid out again in the champion's own feature order. The server's version
 * ({@code model.remote.version}) may take other features than the champion, or the same in another order; its row as
 * it is would feed the champion's trees the wrong values. A champion feature the row does not carry is refused when
 * the job starts. Completions arrive on client threads; the scorer serves one thread at a time.
 */
public final class ChampionFallbackScorer implements FallbackScorer {
    private final Scorer scorer;
    private final String version;
    /** For each of the champion's features, its position in the row sent. */
    private final int[] positions;

    private ChampionFallbackScorer(Scorer scorer, String version, int[] positions) {
        this.scorer = scorer;
        this.version = version;
        this.positions = positions;
    }

    /**
     * @param sentFeatures the features of the rows sent to the server, in order (the manifest of
     *                     {@code model.remote.version}, else of the champion)
     * @throws IllegalStateException as {@link #problem} says
     */
    public static ChampionFallbackScorer load(ModelRegistry registry, String name, List<String> sentFeatures)
            throws IOException {
        Optional<String> problem = problem(registry, name, sentFeatures);
        if (problem.isPresent()) {
            throw new IllegalStateException("model.remote.fallback is champion, but " + problem.get());
        }
        ModelManifest champion = registry.champion(name).orElseThrow();
        int[] positions = champion.featureNames().stream().mapToInt(sentFeatures::indexOf).toArray();
        ModelLoader.LoadedModel loaded = new ModelLoader(registry, ModelLoader.BY_FORMAT)
                .load(name, champion.version());
        return new ChampionFallbackScorer(loaded.scorer(), Integer.toString(loaded.version()), positions);
    }

    /**
     * Why the champion of {@code name} cannot score rows of {@code sentFeatures}: there is none, or it takes a
     * feature they do not hold; empty when it can. The preflight asks before the job starts.
     */
    public static Optional<String> problem(ModelRegistry registry, String name, List<String> sentFeatures)
            throws IOException {
        Optional<ModelManifest> champion = registry.champion(name);
        if (champion.isEmpty()) {
            return Optional.of("model '" + name + "' has no champion in " + registry.root()
                    + "; promote a version or use `fallback: default`");
        }
        for (String feature : champion.get().featureNames()) {
            if (!sentFeatures.contains(feature)) {
                return Optional.of("the champion, version " + champion.get().version() + " of '" + name
                        + "', takes feature '" + feature + "', which the rows sent to the server do not hold (they "
                        + "hold " + sentFeatures + "); use `fallback: default`, or a model.remote.version with the "
                        + "champion's features");
            }
        }
        return Optional.empty();
    }

    @Override
    public RemoteScore score(double[] row) {
        double[] own = new double[positions.length];
        for (int i = 0; i < own.length; i++) {
            own[i] = row[positions[i]];
        }
        synchronized (scorer) {
            return new RemoteScore(scorer.score(own), version, true);
        }
    }
}

package io.streamscore.cli.train;

import java.util.Map;

/**
 * XGBoost settings of {@code streamscore train}. Reproducible by construction: one thread, a fixed seed and no row or
 * column sampling, so the same training set gives the same model bytes on every run.
 *
 * @param rounds   boosting rounds (trees), 1..5000
 * @param maxDepth tree depth, 1..16
 * @param eta      learning rate, (0, 1]
 */
public record TrainerParams(int rounds, int maxDepth, double eta) {
    public static final int DEFAULT_ROUNDS = 200;
    public static final int DEFAULT_MAX_DEPTH = 6;
    public static final double DEFAULT_ETA = 0.1;
    public static final TrainerParams DEFAULTS = new TrainerParams(DEFAULT_ROUNDS, DEFAULT_MAX_DEPTH, DEFAULT_ETA);
    public static final String OBJECTIVE = "binary:logistic";
    /** Bump when training changes what it makes from the same data: it keys the demo's model cache. */
    public static final String TRAINER_VERSION = "xgboost4j-3.0.4/train-v2";
    static final int SEED = 1;

    public TrainerParams {
        if (rounds < 1 || rounds > 5000) {
            throw new IllegalArgumentException("--rounds: " + rounds + " is outside 1..5000");
        }
        if (maxDepth < 1 || maxDepth > 16) {
            throw new IllegalArgumentException("--max-depth: " + maxDepth + " is outside 1..16");
        }
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("--eta: " + eta + " is outside (0, 1]");
        }
    }

    Map<String, Object> booster() {
        return Map.of("objective", OBJECTIVE, "max_depth", maxDepth, "eta", eta, "nthread", 1,
                "tree_method", "hist", "seed", SEED, "eval_metric", "aucpr", "verbosity", 0);
    }
}

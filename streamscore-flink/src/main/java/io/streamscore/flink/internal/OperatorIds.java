package io.streamscore.flink.internal;

import java.util.List;

/**
 * Stable operator uids. Savepoints map state to operators by these ids, so they are constants, versioned by hand,
 * and never derived from configuration: renaming a topic or a source must not orphan its state.
 */
public final class OperatorIds {
    private OperatorIds() {}

    /** Per-source ids take the source's name as a suffix; the name is the spec's stable identifier for it. */
    public static String source(String sourceName) {
        return "source-v1-" + sourceName;
    }

    public static String deadLetterRouter(String sourceName) {
        return "dead-letter-router-v1-" + sourceName;
    }

    public static String lateEventRouter(String sourceName) {
        return "late-event-router-v1-" + sourceName;
    }

    public static String encodeLate(String sourceName) {
        return "encode-late-v1-" + sourceName;
    }

    public static final String ALERTS = "alerts-v1";
    public static final String ENCODE_ALERTS = "encode-alerts-v1";
    /** The alert rules that read the model's score, after scoring. */
    public static final String SCORE_ALERTS = "score-alerts-v1";
    public static final String ENCODE_SCORE_ALERTS = "encode-score-alerts-v1";
    /**
     * The window operator of the feature group of {@code sourceName} keyed by {@code keyFields}: the plan has one
     * group per source and key, so these name it alone, and never windows or thresholds, which change without
     * changing the state's owner. (Changed feature definitions are migrated on restore, feature by feature:
     * FeatureStateMigration.) A restore may keep a group's older {@link #featuresV1} uid: {@link FeatureGroupUids}.
     */
    public static String features(String sourceName, List<String> keyFields) {
        return FEATURES_V2 + sourceName + "-" + String.join("+", keyFields);
    }

    /**
     * The uid of a feature group's window operator before {@link #features}: its position in the plan and its key
     * names. Removing an earlier group renumbered the later ones and orphaned their state, so new jobs no longer
     * use it; savepoints written with it still restore ({@link FeatureGroupUids}).
     */
    public static String featuresV1(int groupIndex, List<String> keyFields) {
        return FEATURES_V1 + groupIndex + "-" + String.join("+", keyFields);
    }

    /** The prefixes of {@link #features} and {@link #featuresV1}. */
    static final String FEATURES_V2 = "features-v2-";
    static final String FEATURES_V1 = "features-v1-";

    /** Late events found by the feature stage, per source. */
    public static String encodeLateAtFeatures(String sourceName) {
        return "encode-late-features-v1-" + sourceName;
    }

    /** The event-time join of clicks and the profile table to the enriched source (EventTimeJoinFunction). */
    public static final String JOIN = "join-v1";

    public static String encodeLateAtJoin(String sourceName) {
        return "encode-late-join-v1-" + sourceName;
    }

    public static final String DERIVED_FEATURES = "features-derived-v1";
    public static final String SCORING = "scoring-v1";
    public static final String ENCODE_SCORES = "encode-scores-v1";
    /** Scoring through a remote model server (async I/O; its checkpointed state is the in-flight events). */
    public static final String REMOTE_SCORING = "remote-scoring-v1";
    /** The model-control topic's source and the function that turns its messages into serving plans. */
    public static final String MODEL_CONTROL_SOURCE = "model-control-source-v1";
    public static final String MODEL_CONTROL = "model-control-v1";
    public static final String ENCODE_SHADOW = "encode-shadow-v1";
    public static final String ENCODE_MODEL_DEAD_LETTERS = "encode-model-dead-letters-v1";
    public static final String ENCODE_DEAD_LETTERS = "encode-dead-letters-v1";
    public static final String KAFKA_SINK = "kafka-sink-v1";
    /** The scores alone, chained into the scoring task (since 2026-12-06; before, they went to KAFKA_SINK). */
    public static final String KAFKA_SCORES_SINK = "kafka-scores-sink-v1";
    public static final String DRIFT_FEATURE_SAMPLES = "drift-feature-samples-v1";
    public static final String DRIFT_SCORE_SAMPLES = "drift-score-samples-v1";
    public static final String DRIFT_MONITOR = "drift-monitor-v1";
    public static final String ENCODE_DRIFT_ALERTS = "encode-drift-alerts-v1";
    public static final String FEATURE_VECTORS = "feature-vectors-v1";
    public static final String FEATURE_STORE_SINK = "redis-feature-store-v1";
    public static final String RESULTS_STORE_SINK = "postgres-results-v1";
}

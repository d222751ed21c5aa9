package io.streamscore.flink.metrics;

import io.streamscore.expression.CompiledExpression;
import org.apache.flink.metrics.MetricGroup;

/**
 * The one place metric names are defined. Every path a record can take has a counter under the {@code streamscore}
 * group, so that {@code records_in = scored + dead_letters + late_events} (plus {@code late_at_features} and, with
 * joins, the clicks, profile versions and late records the join consumes) can be checked from the metrics alone.
 */
public final class PipelineMetrics {
    private PipelineMetrics() {}

    public static final String GROUP = "streamscore";
    public static final String SOURCE_GROUP = "source";
    public static final String RECORDS_IN = "records_in";
    public static final String DEAD_LETTERS = "dead_letters";
    /**
     * Per-reason dead-letter counters, in a {@code reason} key/value group under the source: exported as
     * {@code streamscore_dead_letters_by_reason_total{source="...",reason="invalid_json"}}.
     */
    public static final String DEAD_LETTERS_BY_REASON = "dead_letters_by_reason";
    public static final String REASON_GROUP = "reason";
    public static final String LATE_EVENTS = "late_events";
    /**
     * Output records larger than the Kafka producer's limit, dead-lettered as {@code output_too_large} instead, in a
     * {@link #TOPIC_GROUP} group naming the topic they were meant for (the event stays counted where it was, e.g. in
     * {@code late_events}).
     */
    public static final String OUTPUTS_TOO_LARGE = "outputs_too_large";
    public static final String TOPIC_GROUP = "topic";
    public static final String SCORED = "scored";
    public static final String ALERTS = "alerts";
    /** Events of a feature group's source that got their window features. */
    public static final String FEATURE_EVENTS = "feature_events";
    /** Events the feature stage found behind its horizon (none expected after the late-event router). */
    public static final String LATE_AT_FEATURES = "late_at_features";
    /** Keys whose window state emptied and was dropped by the expiry timer. */
    public static final String FEATURE_KEYS_EXPIRED = "feature_keys_expired";
    /** Window states read from a serializing state backend (RocksDB): keys that were not in the state cache. */
    public static final String FEATURE_STATE_READS = "feature_state_reads";
    /** Window states written to a serializing state backend: cache evictions and flushes before snapshots. */
    public static final String FEATURE_STATE_WRITES = "feature_state_writes";
    /** Times a window state cache halved itself because the heap's old generation stayed full after a collection. */
    public static final String FEATURE_STATE_CACHE_SHRINKS = "feature_state_cache_shrinks";

    /** Feature vectors written to the Redis feature store. */
    public static final String FEATURE_STORE_WRITES = "feature_store_writes";
    /** Feature vectors Redis refused because it held a newer one (replays, out-of-order events). */
    public static final String FEATURE_STORE_STALE = "feature_store_stale";
    /** Score and alert rows upserted into the PostgreSQL results tables (replays included). */
    public static final String RESULTS_STORE_ROWS = "results_store_rows";
    /** Per model version (group {@link #modelVersionGroup}): events scored by the version. */
    public static final String MODEL_EVENTS = "model_events";
    /** Per model version: histogram of scores ({@link BucketHistogram#UNIT_INTERVAL_BOUNDS}). */
    public static final String MODEL_SCORE = "model_score";
    /** Per model version: histogram of the time one score takes, microseconds. */
    public static final String MODEL_LATENCY_US = "model_latency_us";
    /**
     * Per model (group {@link #modelGroup}): the share of scored events a canary version decided, since the current
     * serving plan took effect (a rollout, a promotion or a rollback starts it afresh); 0 with no canary.
     */
    public static final String MODEL_CANARY_SHARE = "model_canary_share";
    /** Model versions refused at load or self-check (the running version kept scoring). */
    public static final String MODEL_REFUSED = "model_refused";
    /** Canaries rolled back automatically. */
    public static final String MODEL_ROLLBACKS = "model_rollbacks";
    /** Automatic rollbacks whose registry change or control message failed (the subtask stopped the canary anyway). */
    public static final String MODEL_ROLLBACK_FAILURES = "model_rollback_failures";
    /** Events a shadow failed to score (no shadow record; the decision was never the shadow's). */
    public static final String MODEL_SHADOW_FAILURES = "model_shadow_failures";
    /** Control-topic records that could not be read. */
    public static final String CONTROL_MALFORMED = "control_malformed";

    /**
     * Evaluations of one spec expression that threw and were answered NaN (a derived feature) or false (a filter or
     * an alert condition), in an {@link #EXPRESSION_GROUP} key/value group naming the expression by its spec place:
     * {@code features.<name>.filter}, {@code features.<name>.expression} or {@code alerts.<name>.when}.
     */
    public static final String EXPRESSION_FAILURES = "expression_failures";
    public static final String EXPRESSION_GROUP = "expression";

    /** Milliseconds from the source's current watermark to the wall clock, per source (how far event time trails). */
    public static final String WATERMARK_LAG_MS = "watermark_lag_ms";
    /** Milliseconds since the newest event time a feature group's state took in (how stale its features are). */
    public static final String FEATURE_FRESHNESS_MS = "feature_freshness_ms";
    /**
     * End-to-end latency of results in milliseconds, measured where the result is encoded for the sink, in a
     * {@code since} key/value group: {@code event_time} (event time to output) or {@code ingest_time} (read from
     * Kafka to output). With exactly-once the result becomes readable one checkpoint later.
     */
    public static final String END_TO_END_LATENCY_MS = "end_to_end_latency_ms";
    public static final String SINCE_GROUP = "since";

    /**
     * Remote scoring, under {@code streamscore.remote}: requests, mean and last batch size, request latency p50/p99
     * (ms), timeouts, retries, failed requests, fallbacks (events), breaker state (0 closed, 1 half-open, 2 open) and
     * how often the breaker opened.
     */
    public static final String REMOTE_GROUP = "remote";
    /** Joined events that found a profile version valid at their time. */
    public static final String JOINED_ENRICHED = "joined_enriched";
    /** Joined events with no profile valid at their time (never created, or deleted). */
    public static final String JOINED_WITHOUT_PROFILE = "joined_without_profile";
    /** Clicks the join consumed. */
    public static final String JOIN_CLICKS = "join_clicks";
    /** Profile change records (versions) the join consumed. */
    public static final String JOIN_PROFILE_VERSIONS = "join_profile_versions";
    /** Clicks and profile changes the join found too late to change what it had emitted (sent to the late topic). */
    public static final String JOIN_LATE = "join_late";
    /** Events joined after max_wait of wall-clock time because the watermark had not passed them. */
    public static final String JOIN_FORCED = "join_forced";

    /** The metric group of one model version: {@code streamscore.model.<name>.version.<v>}. */
    public static MetricGroup modelVersionGroup(MetricGroup parent, String model, String version) {
        return modelGroup(parent, model).addGroup("version", version);
    }

    /** The metric group of one model: {@code streamscore.model.<name>}. */
    public static MetricGroup modelGroup(MetricGroup parent, String model) {
        return parent.addGroup(GROUP).addGroup("model", model);
    }

    /** The metric group of one source: {@code streamscore.source.<name>}. */
    public static MetricGroup sourceGroup(MetricGroup parent, String sourceName) {
        return parent.addGroup(GROUP).addGroup(SOURCE_GROUP, sourceName);
    }

    public static MetricGroup pipelineGroup(MetricGroup parent) {
        return parent.addGroup(GROUP);
    }

    /**
     * Exports {@code expression}'s failure count as {@link #EXPRESSION_FAILURES} of the expression at {@code place}
     * (summed over subtasks). The operator must evaluate this very instance: the count is a field of it.
     */
    public static void expressionFailures(MetricGroup parent, String place, CompiledExpression expression) {
        pipelineGroup(parent).addGroup(EXPRESSION_GROUP, place)
                .gauge(EXPRESSION_FAILURES, (SummedGauge<Long>) expression::failures);
    }

    /** Registers a {@link BucketHistogram} with the given bounds under {@code group}. */
    public static BucketHistogram bucketHistogram(MetricGroup group, String name, double[] upperBounds) {
        return group.histogram(name, new BucketHistogram(upperBounds));
    }
}

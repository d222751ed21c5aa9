package io.streamscore.flink.internal;

import io.streamscore.event.EventField;
import io.streamscore.features.FeatureGroup;
import io.streamscore.features.FeaturePlan;
import io.streamscore.features.FeaturePlanCompiler;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;

/**
 * Turns the operator ids of a checkpoint back into the parts of a spec that owned the state. A savepoint knows its
 * operators only by a 128-bit hash of their uid (Flink's {@link StreamGraphHasherV2}), and Flink's refusal of a
 * savepoint names that hash, which means nothing to a user. The hash is one-way, so the uids are found by hashing
 * every uid {@link OperatorIds} could have made: its constants, and the derived ones for this spec's sources and for
 * feature groups of these sources (v2) or at any position (v1, before 2026-12-07) keyed by any field of this spec's
 * sources. A uid from a spec with other source names or fields is not among them; such a hash stays unexplained.
 */
public final class StateOwners {
    /** Feature group positions tried beyond the spec's own groups: a removed group may have been a later one. */
    static final int EXTRA_GROUP_POSITIONS = 16;
    /**
     * Uid prefixes and what that part is in the spec, most specific first; {@code %s} is the source name, or the
     * feature group's source (v2) or position (v1) and then its key, that a derived uid ends with.
     */
    private static final List<String[]> PARTS = """
            source-v1- | the Kafka source `%s` (its offsets)
            dead-letter-router-v1- | the dead-letter routing of source `%s`
            late-event-router-v1- | the late-event routing of source `%s` (its watermark floor)
            features-derived-v1 | the derived features
            features-v2- | the feature group of source %s keyed by %2$s (its windows)
            features-v1- | the feature group at position %s keyed by %2$s (its windows)
            join-v1 | the join (`joins`, its waiting events and histories)
            alerts-v1 | the alert rules that do not read `score` (their cooldowns)
            score-alerts-v1 | the alert rules that read `score` (their cooldowns)
            model-control | the model's control topic (`model`)
            scoring-v1 | the model scoring (`model`: canary and rollout state)
            remote-scoring-v1 | the remote model scoring (`model.remote`: events in flight)
            drift- | drift monitoring (`monitoring.drift`, its windows)
            feature-vectors-v1 | the feature store's vectors (`stores.redis`)
            redis-feature-store-v1 | the Redis feature store (`stores.redis`)
            postgres-results-v1 | the PostgreSQL results (`stores.postgres`)
            kafka- | the Kafka output sink (its pending transactions)
            """.lines().map(line -> line.split(" \\| ", 2)).toList();
    /** How Flink names the committer operators it adds after a sink with a uid (SinkTransformationTranslator). */
    private static final String SINK_COMMITTER = "Sink Committer: ";
    private static final String GLOBAL_COMMITTER = " Global Committer";

    private StateOwners() {}

    /** The operator id Flink gives an operator with this uid, as Flink prints it (32 hex digits). */
    public static String operatorId(String uid) {
        return new OperatorID(StreamGraphHasherV2.generateUserSpecifiedHash(uid)).toHexString();
    }

    /**
     * Every uid Streamscore could have given an operator, by operator id: the fixed ones, the per-source ones of
     * this spec's sources, and feature groups (v2 and v1) keyed by this spec's group keys or any single field of its
     * sources.
     */
    public static Map<String, String> candidateUids(PipelineSpec spec) {
        Set<String> uids = new LinkedHashSet<>(fixedUids());
        for (SourceSpec source : spec.sources()) {
            String name = source.name();
            uids.addAll(List.of(OperatorIds.source(name), OperatorIds.deadLetterRouter(name),
                    OperatorIds.lateEventRouter(name), OperatorIds.encodeLate(name),
                    OperatorIds.encodeLateAtFeatures(name), OperatorIds.encodeLateAtJoin(name)));
        }
        FeaturePlan plan = FeaturePlanCompiler.compile(spec);
        Set<List<String>> keys = new LinkedHashSet<>();
        for (FeatureGroup group : plan.groups()) {
            keys.add(group.keyFields().stream().map(EventField::name).toList());
        }
        for (SourceSpec source : spec.sources()) {
            source.schema().fields().forEach(field -> keys.add(List.of(field.name())));
        }
        for (List<String> key : keys) {
            spec.sources().forEach(source -> uids.add(OperatorIds.features(source.name(), key)));
            for (int position = 0; position < plan.groups().size() + EXTRA_GROUP_POSITIONS; position++) {
                uids.add(OperatorIds.featuresV1(position, key));
            }
        }
        Map<String, String> byOperatorId = new LinkedHashMap<>();
        uids.forEach(uid -> byOperatorId.put(operatorId(uid), uid));
        return byOperatorId;
    }

    /**
     * "operator HASH, uid features-v2-transactions-card_id: the feature group ...": the uid the checkpoint records
     * for the operator, else the one of this spec's {@code candidates} ({@link #candidateUids}) with its hash, else
     * what is known of a hash that is neither.
     */
    public static String owner(String operatorId, RecordedUids recorded, Map<String, String> candidates) {
        String uid = recorded.byOperatorId().getOrDefault(operatorId, candidates.get(operatorId));
        if (uid != null) {
            return "operator " + operatorId + ", " + describe(uid);
        }
        return "operator " + operatorId + ", whose uid the savepoint does not record and is none this spec's sources "
                + "and fields could make: a source renamed or removed, or a feature group keyed by a field no source "
                + "has any more";
    }

    /** "uid alerts-v1: the alert rules that do not read `score`", or the uid alone for a part with no words. */
    public static String describe(String uid) {
        String own = uid.replace(SINK_COMMITTER, "").replace(GLOBAL_COMMITTER, "").replaceFirst("^Sink ", "");
        return PARTS.stream().filter(part -> own.startsWith(part[0])).findFirst()
                .map(part -> "uid " + uid + ": " + words(part[1], own.substring(part[0].length())))
                .orElse("uid " + uid);
    }

    /**
     * Fills in the source name, or a feature group's source or position and key, that a derived uid ends with. A
     * group's is split at its last dash: source names may hold dashes (`payments-eu`), field names hardly do.
     */
    private static String words(String template, String rest) {
        int dash = rest.lastIndexOf('-');
        if (template.contains("%2$s") && dash > 0) {
            return String.format(template, rest.substring(0, dash), rest.substring(dash + 1));
        }
        return template.contains("%") ? String.format(template, rest, "") : template;
    }

    /**
     * The uid constants of {@link OperatorIds}, read from the class itself so a constant added there is never
     * missing here, and the uids Flink derives from a sink's for its committers (which hold pending transactions).
     */
    private static List<String> fixedUids() {
        List<String> uids = new ArrayList<>();
        for (Field field : OperatorIds.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String uid = (String) field.get(null);
                    uids.addAll(List.of(uid, SINK_COMMITTER + uid, "Sink " + uid + GLOBAL_COMMITTER));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("OperatorIds." + field.getName() + " is not readable", e);
                }
            }
        }
        return uids;
    }
}

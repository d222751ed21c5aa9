package io.streamscore.flink.internal;

import io.streamscore.event.EventField;
import io.streamscore.features.FeatureGroup;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uid each feature group's window operator gets: {@link OperatorIds#features} (source and key), unless a restore
 * finds the group's state under the uid of a job from before it, {@link OperatorIds#featuresV1} (position and key).
 * Such a group keeps that uid, so its windows continue; a savepoint taken later records it again, and the same rule
 * keeps applying. The match ({@link #restoring}) is plain logic on what the checkpoint records.
 */
public final class FeatureGroupUids {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureGroupUids.class);
    /** A new job's: every group by source and key. */
    public static final FeatureGroupUids V2 = new FeatureGroupUids(Map.of());

    /** A group's older uid, by its {@link OperatorIds#features} uid; groups not here use that one. */
    private final Map<String, String> keptByUid;

    private FeatureGroupUids(Map<String, String> keptByUid) {
        this.keptByUid = Map.copyOf(keptByUid);
    }

    /** Groups whose state is under another uid than their {@link OperatorIds#features} one, by that one. */
    public static FeatureGroupUids keeping(Map<String, String> keptByUid) {
        return new FeatureGroupUids(keptByUid);
    }

    /** The uid of {@code group}'s window operator. */
    public String uid(FeatureGroup group) {
        String current = OperatorIds.features(group.source(), keyNames(group));
        return keptByUid.getOrDefault(current, current);
    }

    /** The groups that keep an older uid, by their {@link OperatorIds#features} uid. */
    public Map<String, String> kept() {
        return keptByUid;
    }

    /**
     * The uids under which {@code recorded} holds the state of {@code groups} (the plan's, in order). Per group: its
     * v2 uid if recorded; else the one recorded v1 uid with its key names, when no other group without recorded v2
     * state has those names; else the v1 uid at its position, if recorded (which group owned a v1 uid is not written
     * anywhere when two sources' groups are keyed by fields of the same names). A group matching nothing starts
     * empty under its v2 uid. Uids are taken from the metadata or, where it records only operator ids, found by
     * hashing the v1 uids the groups could have had.
     */
    public static FeatureGroupUids restoring(List<FeatureGroup> groups, RecordedUids recorded) {
        Set<String> uids = recordedFeatureUids(groups, recorded);
        Map<String, String> kept = new LinkedHashMap<>();
        for (int position = 0; position < groups.size(); position++) {
            FeatureGroup group = groups.get(position);
            String current = OperatorIds.features(group.source(), keyNames(group));
            if (uids.contains(current)) {
                continue;
            }
            String older = olderUid(groups, position, uids);
            if (older != null) {
                LOG.info("feature group of source {} keyed by {} keeps uid {}: the checkpoint holds its state there",
                        group.source(), String.join("+", keyNames(group)), older);
                kept.put(current, older);
            }
        }
        return new FeatureGroupUids(kept);
    }

    /** The v1 uid whose state is {@code groups[position]}'s, or null. */
    private static String olderUid(List<FeatureGroup> groups, int position, Set<String> uids) {
        List<String> keys = keyNames(groups.get(position));
        List<String> sameKeys = uids.stream().filter(uid -> isV1Keyed(uid, keys)).toList();
        long rivals = groups.stream().filter(other -> keyNames(other).equals(keys))
                .filter(other -> !uids.contains(OperatorIds.features(other.source(), keys))).count();
        if (sameKeys.size() == 1 && rivals == 1) {
            return sameKeys.get(0);
        }
        String atPosition = OperatorIds.featuresV1(position, keys);
        return uids.contains(atPosition) ? atPosition : null;
    }

    /** True for a v1 uid ({@code features-v1-POSITION-KEYS}) keyed by {@code keys}. */
    private static boolean isV1Keyed(String uid, List<String> keys) {
        if (!uid.startsWith(OperatorIds.FEATURES_V1)) {
            return false;
        }
        String rest = uid.substring(OperatorIds.FEATURES_V1.length());
        int dash = rest.indexOf('-');
        return dash > 0 && rest.substring(dash + 1).equals(String.join("+", keys));
    }

    /**
     * The feature-group uids in {@code recorded}: those its metadata names, and the candidates (the groups' v2 uids,
     * their keys' v1 uids at any position a plan of this size or a little larger had) whose operator id it holds.
     */
    private static Set<String> recordedFeatureUids(List<FeatureGroup> groups, RecordedUids recorded) {
        Set<String> uids = new LinkedHashSet<>(recorded.byOperatorId().values());
        Set<String> candidates = new LinkedHashSet<>();
        for (FeatureGroup group : groups) {
            candidates.add(OperatorIds.features(group.source(), keyNames(group)));
            for (int position = 0; position < groups.size() + StateOwners.EXTRA_GROUP_POSITIONS; position++) {
                candidates.add(OperatorIds.featuresV1(position, keyNames(group)));
            }
        }
        candidates.stream().filter(uid -> recorded.operatorIds().contains(StateOwners.operatorId(uid)))
                .forEach(uids::add);
        return uids;
    }

    private static List<String> keyNames(FeatureGroup group) {
        return group.keyFields().stream().map(EventField::name).toList();
    }
}

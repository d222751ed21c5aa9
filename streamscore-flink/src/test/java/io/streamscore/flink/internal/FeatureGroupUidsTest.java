package io.streamscore.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.EventField;
import io.streamscore.event.FieldType;
import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.FeatureGroup;
import io.streamscore.features.FeatureSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which uid a feature group gets on a restore, from what the checkpoint records: its v2 uid, or the v1 uid (position
 * and key names) of the job that wrote the state, wherever that group stood in the older plan.
 */
class FeatureGroupUidsTest {
    private static final FeatureGroup TX_USER = group("transactions", "user_id");
    private static final FeatureGroup TX_CARD = group("transactions", "card_id");
    private static final FeatureGroup CLICKS_CARD = group("clicks", "card_id");
    private static final String TX_CARD_V2 = OperatorIds.features("transactions", List.of("card_id"));

    @Test
    void aNewJobNamesEveryGroupBySourceAndKey() {
        assertThat(FeatureGroupUids.V2.uid(TX_CARD)).isEqualTo("features-v2-transactions-card_id");
        assertThat(FeatureGroupUids.restoring(List.of(TX_USER, TX_CARD), RecordedUids.NONE).kept()).isEmpty();
    }

    @Test
    void aGroupWhoseV2UidIsRecordedKeepsIt() {
        FeatureGroupUids uids = FeatureGroupUids.restoring(List.of(TX_CARD),
                recording(TX_CARD_V2, "features-v1-0-card_id"));

        assertThat(uids.uid(TX_CARD)).isEqualTo(TX_CARD_V2);
    }

    /** The user group before it was removed: the card group stood second, and keeps that uid though now first. */
    @Test
    void aGroupKeepsTheV1UidWithItsKeyNamesAtAnotherPosition() {
        FeatureGroupUids uids = FeatureGroupUids.restoring(List.of(TX_CARD, TX_USER),
                recording("features-v1-0-user_id+card_id", "features-v1-1-card_id", "source-v1-transactions"));

        assertThat(uids.uid(TX_CARD)).isEqualTo("features-v1-1-card_id");
        assertThat(uids.uid(TX_USER)).as("no state: a new group").isEqualTo("features-v2-transactions-user_id");
        assertThat(uids.kept()).containsExactly(Map.entry(TX_CARD_V2, "features-v1-1-card_id"));
    }

    /** Two sources keyed by fields of the same names: v1 uids do not say whose is whose, so position decides. */
    @Test
    void v1UidsWithTheSameKeyNamesGoByPosition() {
        FeatureGroupUids both = FeatureGroupUids.restoring(List.of(TX_CARD, CLICKS_CARD),
                recording("features-v1-0-card_id", "features-v1-1-card_id"));
        FeatureGroupUids one = FeatureGroupUids.restoring(List.of(TX_CARD, CLICKS_CARD),
                recording("features-v1-1-card_id"));

        assertThat(both.uid(TX_CARD)).isEqualTo("features-v1-0-card_id");
        assertThat(both.uid(CLICKS_CARD)).isEqualTo("features-v1-1-card_id");
        assertThat(one.uid(TX_CARD)).isEqualTo(TX_CARD_V2);
        assertThat(one.uid(CLICKS_CARD)).isEqualTo("features-v1-1-card_id");
    }

    /** Metadata from before Flink recorded uids: the operator ids are matched with the hashes of the v1 uids. */
    @Test
    void withoutRecordedUidsTheOperatorIdsAreMatchedByHash() {
        Set<String> operatorIds = Set.of(StateOwners.operatorId("features-v1-3-card_id"),
                StateOwners.operatorId(OperatorIds.ALERTS));

        FeatureGroupUids uids = FeatureGroupUids.restoring(List.of(TX_USER, TX_CARD),
                new RecordedUids(operatorIds, operatorIds, Map.of(), 0));

        assertThat(uids.kept()).containsExactly(Map.entry(TX_CARD_V2, "features-v1-3-card_id"));
    }

    private static RecordedUids recording(String... uids) {
        return new RecordedUids(Set.of(), Set.of(), Arrays.stream(uids)
                .collect(Collectors.toMap(StateOwners::operatorId, uid -> uid)), 0);
    }

    private static FeatureGroup group(String source, String key) {
        FeatureSet features = FeatureSet.of(FeatureDefinition.builder(key + "_count_1h")
                .aggregation(Aggregation.COUNT).window(Duration.ofHours(1)).build());
        return new FeatureGroup(source, List.of(new EventField(key, FieldType.STRING, false, 0)), features, 0,
                List.of(key + "_count_1h"));
    }
}

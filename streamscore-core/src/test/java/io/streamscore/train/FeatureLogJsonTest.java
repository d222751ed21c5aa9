package io.streamscore.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON that {@code train} reads from the scores and labels topics (and files): a label's optional
 * {@code source} joins it to that source's event when two scored sources use the same event ids.
 */
class FeatureLogJsonTest {
    private final TrainingSetBuilder builder = new TrainingSetBuilder(List.of("amount"));
    private final FeatureLogJson log = new FeatureLogJson(builder);

    private void score(String source, String id, long time, double amount) {
        log.addScoreRecord(("{\"event_id\": \"" + id + "\", \"source\": \"" + source + "\", \"event_time\": " + time
                + ", \"score\": 0.1, \"features\": {\"amount\": " + amount + "}}").getBytes(StandardCharsets.UTF_8));
    }

    private void label(String sourceField, String id, boolean fraud) {
        log.addLabel(("{\"event_id\": \"" + id + "\", " + sourceField + "\"is_fraud\": " + fraud
                + ", \"label_time\": 99}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void overlappingIdsOfTwoSourcesGetTheLabelThatNamesTheirSource() {
        for (int t = 0; t < 10; t++) {
            score("payments", "tx-" + t, t, 100 + t);
            score("transfers", "tx-" + t, t, 200 + t);
            label("\"source\": \"payments\", ", "tx-" + t, true);
            label("\"source\": \"transfers\", ", "tx-" + t, false);
        }
        TrainingSet set = builder.build(0.2);

        for (LabeledRows rows : List.of(set.train(), set.holdout())) {
            for (int r = 0; r < rows.size(); r++) {
                assertThat(rows.labels()[r]).as("amount %s", rows.features()[r][0])
                        .isEqualTo(rows.features()[r][0] < 200);
            }
        }
        assertThat(set.train().size() + set.holdout().size()).isEqualTo(20);
    }

    @Test
    void aLabelWithoutASourceStillJoinsAnIdOnlyOneSourceHas() {
        for (int t = 0; t < 10; t++) {
            score("payments", "tx-" + t, t, 100 + t);
            label(t % 2 == 0 ? "" : "\"source\": null, ", "tx-" + t, t >= 5);
        }
        TrainingSet set = builder.build(0.2);

        assertThat(set.train().size() + set.holdout().size()).isEqualTo(10);
        assertThat(set.counts().ambiguousLabels()).isZero();
    }

    @Test
    void aSourceThatIsNotTextIsRefusedNamingTheField() {
        assertThatThrownBy(() -> label("\"source\": 7, ", "tx-1", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`source` must be a string");
    }
}

package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.event.Event;
import io.streamscore.flink.scoring.ScoringFixtures.RecordingRollback;
import io.streamscore.registry.Challenger;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.registry.ManifestDraft;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelManifest;
import io.streamscore.spec.ModelSpec;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code threshold: model}: every version decides with the threshold its manifest records. All versions here score
 * 0.05; version {@code low} records 0.04 (decision true), {@code high} 0.3 (decision false), so each decision shows
 * whose threshold was used. Version 1 ({@code working}) records none and is refused under this setting.
 */
class ThresholdFromModelTest extends ScoringOperatorTestBase {
    private int low;
    private int high;

    @BeforeEach
    void registerVersionsWithThresholds() throws IOException {
        low = ScoringFixtures.register(registry, dir, 0.05, recording(0.04));
        high = ScoringFixtures.register(registry, dir, 0.05, recording(0.3));
    }

    @Test
    void theChampionACanaryAndAShadowEachDecideWithTheirOwnThreshold() throws Exception {
        registry.promote(MODEL, low, "first");
        var scoring = openScoring();
        score(scoring, 1);
        assertThat(scoring.extractOutputValues()).singleElement().satisfies(record -> {
            assertThat(record.modelVersion).isEqualTo(String.valueOf(low));
            assertThat(record.decision).as("0.05 >= 0.04").isTrue();
        });

        scoring.processBroadcastElement(ServingPlan.of(MODEL, 2, low,
                List.of(new Challenger(high, ChallengerMode.SHADOW, 0))), 0);
        score(scoring, 2);
        assertThat(scoring.extractOutputValues().get(1).decision).as("the champion decides").isTrue();
        assertThat(scoring.getSideOutput(ModelScoringFunction.SHADOW)).extracting(StreamRecord::getValue)
                .singleElement().satisfies(shadow -> {
                    assertThat(shadow.modelVersion).isEqualTo(String.valueOf(high));
                    assertThat(shadow.decision).as("what the shadow would decide: 0.05 < 0.3").isFalse();
                });

        scoring.processBroadcastElement(ServingPlan.of(MODEL, 3, low,
                List.of(new Challenger(high, ChallengerMode.CANARY, 1.0))), 0);
        score(scoring, 3);
        assertThat(scoring.extractOutputValues().get(2)).satisfies(record -> {
            assertThat(record.modelVersion).as("a canary with every key").isEqualTo(String.valueOf(high));
            assertThat(record.decision).as("0.05 < 0.3").isFalse();
        });
    }

    @Test
    void aPromotedVersionThatRecordsNoThresholdIsRefusedAndTheChampionKeepsDeciding() throws Exception {
        registry.promote(MODEL, low, "first");
        var control = ScoringFixtures.openControl(registry, true, harnesses);
        registry.promote(MODEL, working, "registered without a threshold");

        control.processElement(ScoringFixtures.controlRecord(ModelControlMessage.Type.PROMOTE, working), 0);

        assertThat(refusedPromotion(control, low)).contains("version " + working + " is refused",
                "records no decision threshold", "metrics.threshold");
    }

    @Test
    void aStartWhoseChampionRecordsNoThresholdFailsSayingSo() throws IOException {
        registry.promote(MODEL, working, "first");

        assertThatThrownBy(this::openScoring).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version " + working + " is refused: model.threshold is `model`");
    }

    @Test
    void aNumberInTheSpecStillDecidesForEveryVersion() throws Exception {
        registry.promote(MODEL, high, "first");
        var scoring = scoring(null);

        score(scoring, 1);

        assertThat(scoring.extractOutputValues()).singleElement()
                .satisfies(record -> assertThat(record.decision).as("0.05 < the spec's 0.5").isFalse());
    }

    private BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> openScoring() throws Exception {
        ModelSpec spec = new ModelSpec(registry.root().toString(), MODEL, ModelSpec.THRESHOLD_FROM_MODEL, "control",
                "shadow", false, ModelSpec.Rollback.DEFAULTS);
        return ScoringFixtures.openScoring(spec, new RecordingRollback(), null, 1, 0, harnesses);
    }

    private static void score(BroadcastOperatorTestHarness<Event, ServingPlan, ScoreRecord> scoring, int number)
            throws Exception {
        Event event = ScoringFixtures.transaction(number, "user-" + number);
        scoring.processElement(event, event.eventTime);
    }

    /** A version scoring 0.05 whose manifest records {@code threshold}, as {@code train} writes it. */
    private static ManifestDraft recording(double threshold) {
        ManifestDraft draft = ScoringFixtures.constant(0.05);
        Map<String, Double> metrics = new HashMap<>(draft.metrics());
        metrics.put(ModelManifest.THRESHOLD_METRIC, threshold);
        return new ManifestDraft(draft.format(), draft.featureNames(), draft.objective(), draft.trainingTimeRange(),
                metrics, draft.baselines(), draft.selfCheck());
    }
}

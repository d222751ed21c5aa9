package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscore.spec.ModelSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelScoringStageTest {
    @TempDir
    Path dir;

    @Test
    void modelWithoutChampionStopsTheJobBeforeItStartsNamingTheSpecKeys() {
        PipelineSpec spec = SpecLoader.parse("""
                name: fraud
                sources:
                  transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
                outputs: {scores_topic: scores, alerts_topic: alerts, late_topic: late, dead_letter_topic: dead}
                model: {registry: models, name: fraud, threshold: 0.5}
                """, dir);

        assertThatThrownBy(() -> ModelScoringStage.create(spec, List.of(), "127.0.0.1:1"))
                .isInstanceOf(ModelNotServableException.class)
                .hasMessageContaining("model.name 'fraud' in model.registry " + dir.resolve("models"))
                .hasMessageContaining("no model 'fraud'");
        ModelSpec model = spec.model().orElseThrow();
        assertThatThrownBy(() -> ModelScoringStage.create(spec.withModel(null), List.of(), "127.0.0.1:1"))
                .hasMessageContaining("no model section");
        assertThat(model.controlTopic()).isEqualTo("fraud-model-control");
    }
}

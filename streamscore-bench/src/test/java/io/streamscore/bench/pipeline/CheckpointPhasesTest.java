package io.streamscore.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscore.bench.pipeline.CheckpointPhases.Phases;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and aggregation on responses recorded from a MiniCluster's REST API (test resources flink-rest/). */
class CheckpointPhasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SINK = "5064fa149d1bee9a083e7a16a85951ae";
    private static final String SOURCE = "5b5d8d553a2fe30928fcdafd884d7299";
    private static final String FEATURES = "660cc41273aef7b5d01bf938caae0559";

    @Test
    void namesEachVertexByTheFirstOperatorOfItsChain() throws IOException {
        assertThat(CheckpointPhases.vertexNames(recorded("job.json"))).containsExactly(
                Map.entry(SOURCE, "Source: source: transactions"),
                Map.entry(FEATURES, "features: user_id (1 features)"),
                Map.entry(SINK, "kafka: exactly_once: Writer"));
    }

    @Test
    void twoVerticesWhoseChainsStartAlikeKeepTheirWholeNames() {
        JsonNode job = JSON.createObjectNode().set("vertices", JSON.valueToTree(List.of(
                Map.of("id", "a", "name", "encode -> kafka: one"), Map.of("id", "b", "name", "encode -> kafka: two"),
                Map.of("id", "c", "name", "scoring"))));
        assertThat(CheckpointPhases.vertexNames(job)).containsExactly(Map.entry("a", "encode -> kafka: one"),
                Map.entry("b", "encode -> kafka: two"), Map.entry("c", "scoring"));
    }

    /** The history holds the 10 latest: one in progress (12), left out, and 3 to 11 completed. */
    @Test
    void completedCheckpointsLeaveOutTheOneInProgress() throws IOException {
        assertThat(CheckpointPhases.completed(recorded("checkpoints.json")))
                .containsExactly(11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L);
    }

    /** Subtasks (sync, async, alignment, start delay, end to end): (5, 0, 2, 4, 14) and (4, 0, 0, 6, 15). */
    @Test
    void eachPhaseIsItsOwnMaximumOverTheSubtasks() throws IOException {
        assertThat(CheckpointPhases.maxOverSubtasks(recorded("checkpoint-11-subtasks-" + SINK + ".json")))
                .isEqualTo(new Phases(5, 0, 2, 6, 15));
        assertThat(CheckpointPhases.maxOverSubtasks(recorded("checkpoint-11-subtasks-" + SOURCE + ".json")))
                .isEqualTo(new Phases(1, 2, 0, 6, 12));
    }

    @Test
    void aVertexWithNoAcknowledgedSubtaskHasNoPhases() {
        JsonNode pending = JSON.createObjectNode().set("subtasks", JSON.valueToTree(List.of(
                Map.of("index", 0, "status", "pending_or_failed"))));
        assertThat(CheckpointPhases.maxOverSubtasks(pending)).isNull();
    }

    @Test
    void mediansArePerVertexAndPhaseOverTheSamplesThatHaveTheVertex() {
        Map<String, Phases> medians = CheckpointPhases.medians(List.of(
                Map.of("sink", new Phases(140, 0, 3, 10, 160), "features", new Phases(1, 90, 0, 5, 100)),
                Map.of("sink", new Phases(169, 1, 21, 2, 190)),
                Map.of("sink", new Phases(150, 0, 2, 20, 170), "features", new Phases(2, 110, 1, 4, 120))));
        assertThat(medians).containsExactly(
                Map.entry("features", new Phases(2, 110, 1, 5, 120)), // two samples: the upper median
                Map.entry("sink", new Phases(150, 0, 3, 10, 170)));
        assertThat(CheckpointPhases.toJson(medians).get("sink").toString()).isEqualTo(
                "{\"sync_ms\":150.0,\"async_ms\":0.0,\"alignment_ms\":3.0,\"start_delay_ms\":10.0,"
                        + "\"end_to_end_ms\":170.0}");
    }

    @Test
    void noCheckpointsNoVertices() {
        assertThat(CheckpointPhases.medians(List.of())).isEmpty();
    }

    private static JsonNode recorded(String name) throws IOException {
        try (InputStream in = CheckpointPhasesTest.class.getResourceAsStream("/flink-rest/" + name)) {
            return JSON.readTree(in);
        }
    }
}

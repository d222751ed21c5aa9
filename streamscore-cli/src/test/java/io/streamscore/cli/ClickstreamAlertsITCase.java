package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscore.cli.demo.DemoGenerator;
import io.streamscore.cli.demo.DemoScenario;
import io.streamscore.cli.local.CheckpointLocator;
import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.cli.testing.GeneratedInput;
import io.streamscore.cli.testing.TopicReader;
import io.streamscore.event.Event;
import io.streamscore.event.EventCodec;
import io.streamscore.generate.GeneratedRecord;
import io.streamscore.generate.GeneratedStream;
import io.streamscore.spec.OutputsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clickstream scenario (examples/clickstream-bots.yaml) through Kafka: users above 50 clicks in a minute raise
 * one alert per minute of event time, exactly the alerts a brute-force count over each user's clicks predicts, and
 * a restart from a checkpoint mid-stream neither repeats nor loses one.
 */
class ClickstreamAlertsITCase extends PipelineTestBase {
    private static final int CLICKS = 16_000;
    private static final long WINDOW = 60_000;
    /** The feature's tile: window / 300 (docs/features.md). */
    private static final long TILE = WINDOW / 300;
    private static final int THRESHOLD = 50;
    private static final long COOLDOWN = 60_000;

    @Test
    void botAlertsMatchTheBruteForceCountAndSurviveARestart(@TempDir Path workDir) throws Exception {
        PipelineSpec example = DemoScenario.CLICKSTREAM.spec(Path.of("."));
        PipelineSpec spec = example.withOutputs(new OutputsSpec(example.outputs().scoresTopic(),
                example.outputs().alertsTopic(), example.outputs().lateTopic(), example.outputs().deadLetterTopic(),
                example.outputs().guarantee(), Duration.ofMillis(500), null,
                example.outputs().transactionalIdPrefix()));
        SourceSpec clicks = DemoGenerator.sourceOf(spec, GeneratedStream.CLICKS);
        GeneratedInput input = GeneratedInput.of(GeneratedStream.CLICKS,
                DemoGenerator.configFor(GeneratedStream.CLICKS, clicks, 11, T0, 100).botSessionShare(0.2).build(),
                CLICKS);
        Set<String> expectedAlerts = expectedAlertIds(input.records(), clicks.codec());
        assertThat(expectedAlerts).hasSizeGreaterThan(5);

        List<GeneratedRecord> firstHalf = input.records().subList(0, CLICKS / 2);
        List<GeneratedRecord> secondHalf = input.records().subList(CLICKS / 2, CLICKS);
        try (LocalRuntime runtime = LocalRuntime.start(spec, new LocalRuntime.Options(workDir, 2))) {
            OutputsSpec outputs = runtime.spec().outputs();
            runtime.startJob(List.of());
            GeneratedInput.produce(runtime.bootstrapServers(), clicks.topic(), firstHalf);
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> CheckpointLocator.latestComplete(outputs.checkpointDir()).isPresent());
            Thread.sleep(700);
            runtime.stopJob();
            runtime.startJob(List.of(), CheckpointLocator.latestComplete(outputs.checkpointDir()).orElseThrow());
            GeneratedInput.produce(runtime.bootstrapServers(), clicks.topic(), secondHalf);

            try (TopicReader reader = new TopicReader(runtime.bootstrapServers(),
                    List.of(outputs.scoresTopic(), outputs.alertsTopic(), outputs.lateTopic()))) {
                reader.readUntil(Map.of(outputs.scoresTopic(), CLICKS, outputs.alertsTopic(), expectedAlerts.size()),
                        Duration.ofSeconds(120));
                reader.readFor(Duration.ofSeconds(3));

                assertThat(reader.records(outputs.lateTopic())).isEmpty();
                assertThat(eventIds(reader.records(outputs.scoresTopic()))).doesNotHaveDuplicates().hasSize(CLICKS);
                List<String> alertIds = reader.records(outputs.alertsTopic()).stream()
                        .map(PipelineTestBase::json).map(alert -> alert.get("alert_id").asText()).toList();
                assertThat(alertIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedAlerts);
                JsonNode alert = json(reader.records(outputs.alertsTopic()).get(0));
                assertThat(alert.at("/features/clicks_1m").asDouble()).isGreaterThan(THRESHOLD);
            }
        }
    }

    /** Per user, in arrival order: clicks in [tile-floor(t - 1 min + 1), t] above 50, at most one alert per minute. */
    private static Set<String> expectedAlertIds(List<GeneratedRecord> records, EventCodec codec) throws Exception {
        Map<String, List<Long>> clicksByUser = new HashMap<>();
        Map<String, Long> lastAlert = new HashMap<>();
        Set<String> alerts = new LinkedHashSet<>();
        for (GeneratedRecord record : records) {
            Event click = codec.decode(record.value(), 0);
            List<Long> times = clicksByUser.computeIfAbsent(click.key, k -> new ArrayList<>());
            times.add(click.eventTime);
            long start = Math.floorDiv(click.eventTime - WINDOW + 1, TILE) * TILE;
            long count = times.stream().filter(t -> t >= start && t <= click.eventTime).count();
            Long last = lastAlert.get(click.key);
            if (count > THRESHOLD && (last == null || click.eventTime - last >= COOLDOWN)) {
                lastAlert.put(click.key, click.eventTime);
                alerts.add("bot_suspect|" + click.key + "|" + click.eventId);
            }
        }
        return alerts;
    }

}

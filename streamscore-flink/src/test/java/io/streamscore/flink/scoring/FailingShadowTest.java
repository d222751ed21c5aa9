package io.streamscore.flink.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.event.Event;
import io.streamscore.registry.ChallengerMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A shadow that throws on the events (it passes its self-check, whose rows have amount 10, and fails on amount 20)
 * never changes a decision, and does not log once per event: at thousands of events a second that would flood the
 * TaskManager's log. Its first failure is logged, the rest only counted ({@code model_shadow_failures}).
 */
class FailingShadowTest extends ScoringOperatorTestBase {
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LogManager.getLogger(ModelScoringFunction.class);
    private final AbstractAppender appender = new AbstractAppender("shadow-warnings", null, null, true,
            Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            warnings.add(event.getMessage().getFormattedMessage());
        }
    };

    @BeforeEach
    void captureTheScoringLog() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stopCapturing() {
        logger.removeAppender(appender);
    }

    @Test
    void aShadowFailingOnEveryEventIsLoggedOnceAndNeverDecides() throws Exception {
        Path file = Files.writeString(dir.resolve("fails-above-15.json"), ScoringFixtures.FAILS_ABOVE_15);
        int failing = registry.register(MODEL, file, ScoringFixtures.constant(0.05)).version();
        registry.promote(MODEL, working, "first");
        registry.setChallenger(MODEL, failing, ChallengerMode.SHADOW, 0);
        var scoring = scoring(null);

        for (int i = 1; i <= 5; i++) {
            Event event = ScoringFixtures.transaction(i, "user-" + i);
            scoring.processElement(event, event.eventTime);
        }

        assertThat(scoring.extractOutputValues()).extracting(record -> record.modelVersion)
                .containsOnly(Integer.toString(working)).hasSize(5);
        assertThat(scoring.getSideOutput(ModelScoringFunction.SHADOW)).isNullOrEmpty();
        assertThat(warnings.stream().filter(message -> message.contains("failed"))).singleElement()
                .asString().contains("v" + failing, "model_shadow_failures");
    }
}

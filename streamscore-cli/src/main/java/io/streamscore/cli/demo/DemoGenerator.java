package io.streamscore.cli.demo;

import io.streamscore.generate.GeneratedStream;
import io.streamscore.generate.GeneratorConfig;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.time.Duration;

/** Fits the generator to a pipeline: its disorder within the source's bounds, its format, its clock. */
public final class DemoGenerator {
    /** Labels arrive minutes to days after a payment; the demo compresses a day into a minute. */
    public static final double DEMO_LABEL_TIME_SCALE = 1440;
    /** Clicks per payment in click scenarios: the click stream is the main one there. */
    static final double CLICKS_PER_TRANSACTION = 5.0;
    /** Clicks per payment when clicks are joined to payments: a few page views around most payments. */
    static final double JOINED_CLICKS_PER_TRANSACTION = 2.0;
    /** Click scenarios spread sessions over many users evenly, so heavy humans do not look like bots. */
    static final int CLICK_USERS = 200_000;
    static final double CLICK_USER_ZIPF_EXPONENT = 0.01;
    /** One click session in twenty is a bot in click scenarios, so alerts show within the first minutes. */
    static final double CLICK_BOT_SESSION_SHARE = 0.05;

    private DemoGenerator() {}

    /** The transactions source of a pipeline: the first source with the built-in {@code transaction} schema. */
    public static SourceSpec transactionSource(PipelineSpec spec) {
        return sourceOf(spec, GeneratedStream.TRANSACTIONS);
    }

    /** The first source of the pipeline whose schema is the stream's built-in schema. */
    public static SourceSpec sourceOf(PipelineSpec spec, GeneratedStream stream) {
        return spec.sources().stream()
                .filter(source -> source.schema().name().equals(stream.schemaName()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pipeline " + spec.name()
                        + " has no source with the built-in '" + stream.schemaName()
                        + "' schema for the generator to feed"));
    }

    /**
     * A generator config for the pipeline's transactions: out-of-order delays stay inside the source's
     * max_out_of_orderness (so they are never late), too-late events fall far beyond out-of-orderness + lateness.
     */
    public static GeneratorConfig.Builder configFor(SourceSpec source, long seed, long startTime,
                                                    double eventsPerSecond) {
        Duration outOfOrderBound = source.maxOutOfOrderness();
        Duration outOfOrderDelay = outOfOrderBound.isZero() ? Duration.ofMillis(1)
                : outOfOrderBound.multipliedBy(4).dividedBy(5);
        Duration lateBound = outOfOrderBound.plus(source.allowedLateness());
        Duration tooLateDelay = lateBound.plus(Duration.ofHours(1));
        return GeneratorConfig.builder()
                .seed(seed)
                .startTime(startTime)
                .eventsPerSecond(eventsPerSecond)
                .format(source.format())
                .outOfOrder(outOfOrderBound.isZero() ? 0 : GeneratorConfig.DEFAULT_OUT_OF_ORDER_SHARE, outOfOrderDelay)
                .tooLate(GeneratorConfig.DEFAULT_TOO_LATE_SHARE, tooLateDelay)
                .labelTimeScale(DEMO_LABEL_TIME_SCALE);
    }

    /** A generator config whose {@code stream} carries about {@code eventsPerSecond} records per second. */
    public static GeneratorConfig.Builder configFor(GeneratedStream stream, SourceSpec source, long seed,
                                                    long startTime, double eventsPerSecond) {
        if (stream != GeneratedStream.CLICKS) {
            return configFor(source, seed, startTime, eventsPerSecond);
        }
        return configFor(source, seed, startTime, eventsPerSecond / CLICKS_PER_TRANSACTION)
                .clicksPerTransaction(CLICKS_PER_TRANSACTION)
                .users(CLICK_USERS)
                .userZipfExponent(CLICK_USER_ZIPF_EXPONENT)
                .botSessionShare(CLICK_BOT_SESSION_SHARE);
    }

    /**
     * A generator config for a demo: its primary stream at about {@code eventsPerSecond} records per second, plus
     * the clicks and profile changes of the users paying when the scenario joins them.
     */
    public static GeneratorConfig.Builder configFor(DemoScenario scenario, SourceSpec source, long seed, long startTime,
                                                    double eventsPerSecond) {
        GeneratorConfig.Builder config = configFor(scenario.primaryStream(), source, seed, startTime, eventsPerSecond);
        if (scenario.joinedStreams().contains(GeneratedStream.CLICKS)) {
            config.clicksPerTransaction(JOINED_CLICKS_PER_TRANSACTION);
        }
        return config.profiles(scenario.joinedStreams().contains(GeneratedStream.PROFILES));
    }
}

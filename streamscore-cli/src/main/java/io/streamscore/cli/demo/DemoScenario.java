package io.streamscore.cli.demo;

import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import io.streamscore.generate.GeneratedStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The demos that ship with Streamscore: each is one of the example specs, bundled in the jar, fed by the generator's
 * stream of the matching schema.
 */
public enum DemoScenario {
    /** Card payments scored for fraud. */
    FRAUD("examples/fraud.yaml", GeneratedStream.TRANSACTIONS),
    /** Web clicks; users clicking more than 50 times a minute raise a bot alert. */
    CLICKSTREAM("examples/clickstream-bots.yaml", GeneratedStream.CLICKS),
    /** Payments whose per-user features are kept in an embedded Redis and served at GET /v1/features/{user}. */
    FEATURE_STORE("examples/feature-store.yaml", GeneratedStream.TRANSACTIONS),
    /**
     * Payments joined with the user's clicks and the user's profile (Debezium change events) as of each payment,
     * written to an embedded Redis and served over HTTP.
     */
    FEATURE_SYNC("examples/feature-sync.yaml", GeneratedStream.TRANSACTIONS, GeneratedStream.CLICKS,
            GeneratedStream.PROFILES);

    private final String resource;
    private final GeneratedStream primaryStream;
    private final List<GeneratedStream> joinedStreams;

    DemoScenario(String resource, GeneratedStream primaryStream, GeneratedStream... joinedStreams) {
        this.resource = resource;
        this.primaryStream = primaryStream;
        this.joinedStreams = List.of(joinedStreams);
    }

    /** The streams joined to the primary one (each fed to the source of its schema); empty for one-stream demos. */
    public List<GeneratedStream> joinedStreams() {
        return joinedStreams;
    }

    /** The scenario's spec file, relative to the repository root (also bundled in the jar). */
    public String specFile() {
        return resource;
    }

    /** The generated stream the scenario's pipeline reads. */
    public GeneratedStream primaryStream() {
        return primaryStream;
    }

    /**
     * The scenario called {@code name} on the command line: {@code fraud}, {@code clickstream}, {@code feature-store},
     * {@code feature-sync}.
     */
    public static DemoScenario named(String name) {
        for (DemoScenario scenario : values()) {
            if (scenario.scenarioName().equalsIgnoreCase(name) || scenario.name().equalsIgnoreCase(name)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("no demo scenario named '" + name + "'; available: "
                + Arrays.stream(values()).map(DemoScenario::scenarioName).toList());
    }

    public String scenarioName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The scenario's spec, validated; relative paths in it resolve against {@code baseDir}. */
    public PipelineSpec spec(Path baseDir) {
        try (InputStream in = DemoScenario.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the demo spec " + resource + " is missing from the jar");
            }
            return SpecLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

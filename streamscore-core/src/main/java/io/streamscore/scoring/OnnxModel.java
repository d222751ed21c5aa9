package io.streamscore.scoring;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.streamscore.registry.ModelFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model scored by ONNX Runtime's Java API: one {@link OrtSession} per model, created once with one intra-op
 * and one inter-op thread (the stream's parallelism comes from operator subtasks, not from ORT's thread pools) and
 * shared by every {@link #scorer()} (ORT's {@code run} is thread-safe; each scorer owns its buffers).
 *
 * <p>The graph must take one float tensor {@code [N, features]} and give one score per row: see
 * {@link OnnxOutput} for the outputs understood (tree-ensemble and linear classifiers, with or without ZipMap, and
 * regressors). Anything else is refused at load time with a {@link ModelLoadException} naming the input or output
 * and what was expected.
 *
 * <p>Feature names come from the caller (the registry manifest), else from the model's {@value #FEATURE_NAMES_KEY}
 * metadata (written by {@link XGBoostToOnnx}), else {@code f0, f1, ...}. Close the model after its scorers.
 */
public final class OnnxModel implements AutoCloseable {
    /** Custom metadata key holding the comma-separated feature names. */
    public static final String FEATURE_NAMES_KEY = "streamscore.feature_names";
    /** Custom metadata key naming the training objective (e.g. {@code binary:logistic}). */
    public static final String OBJECTIVE_KEY = "streamscore.objective";
    /** Custom metadata key holding the number of trees of a tree ensemble. */
    public static final String TREES_KEY = "streamscore.trees";

    private final OrtSession session;
    private final String inputName;
    private final boolean batchable;
    private final OnnxOutput output;
    private final String[] featureNames;
    private final ModelInfo info;

    private OnnxModel(OrtSession session, List<String> givenNames) throws OrtException {
        this.session = session;
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new ModelLoadException("the ONNX model has " + inputs.size() + " inputs " + inputs.keySet()
                    + ": a Scorer feeds exactly one float tensor [N, features]");
        }
        NodeInfo input = inputs.values().iterator().next();
        this.inputName = input.getName();
        long[] shape = inputShape(input);
        this.batchable = shape[0] != 1;
        this.output = OnnxOutput.choose(session.getOutputInfo());
        Map<String, String> metadata = session.getMetadata().getCustomMetadata();
        this.featureNames = featureNames(givenNames, metadata, (int) shape[1]);
        this.info = new ModelInfo(ModelFormat.ONNX, metadata.getOrDefault(OBJECTIVE_KEY, "onnx"),
                trees(metadata), featureNames.length);
    }

    /** Loads a model from a file; see {@link #load(byte[], List)}. */
    public static OnnxModel load(Path file, List<String> featureNames) {
        try {
            return load(Files.readAllBytes(file), featureNames);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ONNX model " + file, e);
        }
    }

    /** Loads a model, naming features from its metadata or {@code f0, f1, ...}. */
    public static OnnxModel load(Path file) {
        return load(file, List.of());
    }

    /**
     * Loads a serialized ONNX model.
     *
     * @param featureNames the features in input order, or empty to take them from the model's metadata
     * @throws ModelLoadException if ONNX Runtime cannot load it, or its input or outputs are not one row of floats
     *     in and one score per row out
     */
    public static OnnxModel load(byte[] model, List<String> featureNames) {
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = Runtime.ENVIRONMENT.createSession(model, options);
        } catch (OrtException e) {
            throw new ModelLoadException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
        try {
            return new OnnxModel(session, featureNames);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof ModelLoadException refused) {
                throw refused;
            }
            throw new ModelLoadException("cannot inspect the ONNX model's inputs and outputs: " + e.getMessage(), e);
        }
    }

    private static long[] inputShape(NodeInfo input) {
        if (!(input.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new ModelLoadException("input '" + input.getName() + "' is " + input.getInfo()
                    + ": a Scorer feeds a float tensor [N, features]; export the model with float inputs");
        }
        long[] shape = tensor.getShape();
        if (shape.length != 2 || shape[1] <= 0 || shape[0] == 0 || shape[0] > 1) {
            throw new ModelLoadException("input '" + input.getName() + "' has shape " + Arrays.toString(shape)
                    + ": a Scorer feeds one row of features per example, so it must be [N, features] (or "
                    + "[1, features]) with a fixed feature count");
        }
        return shape;
    }

    private static String[] featureNames(List<String> given, Map<String, String> metadata, int width) {
        String[] names;
        if (!given.isEmpty()) {
            names = given.toArray(String[]::new);
        } else if (metadata.containsKey(FEATURE_NAMES_KEY)) {
            names = metadata.get(FEATURE_NAMES_KEY).split(",", -1);
        } else {
            names = new String[width];
            Arrays.setAll(names, i -> "f" + i);
        }
        if (names.length != width) {
            throw new ModelLoadException("the ONNX model's input has " + width + " features but " + names.length
                    + " feature names were given, so rows cannot be ordered");
        }
        return names;
    }

    private static int trees(Map<String, String> metadata) {
        try {
            return Integer.parseInt(metadata.getOrDefault(TREES_KEY, "0"));
        } catch (NumberFormatException e) {
            throw new ModelLoadException("metadata " + TREES_KEY + " '" + metadata.get(TREES_KEY)
                    + "' is not a number", e);
        }
    }

    /** A new scorer over this model's session, for one thread at a time; close it before the model. */
    public Scorer scorer() {
        return new OnnxScorer(this, false);
    }

    /** A scorer that owns this model: closing the scorer closes the model's session too. */
    public Scorer owningScorer() {
        return new OnnxScorer(this, true);
    }

    public String[] featureNames() {
        return featureNames.clone();
    }

    public ModelInfo info() {
        return info;
    }

    OrtSession session() {
        return session;
    }

    String inputName() {
        return inputName;
    }

    /** Whether the input takes several rows per call ({@code [N, features]}) rather than exactly one. */
    boolean batchable() {
        return batchable;
    }

    OnnxOutput output() {
        return output;
    }

    static OrtEnvironment environment() {
        return Runtime.ENVIRONMENT;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to release a session", e);
        }
    }

    /** The process-wide ORT environment, created on first use with telemetry off. */
    private static final class Runtime {
        static final OrtEnvironment ENVIRONMENT = create();

        private static OrtEnvironment create() {
            OrtEnvironment environment =
                    OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "streamscore");
            try {
                environment.setTelemetry(false);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot switch ONNX Runtime telemetry off", e);
            }
            return environment;
        }
    }
}

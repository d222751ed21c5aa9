package io.streamscore.serving.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One model's inference call over one of the Open Inference Protocol's forms: REST ({@link InferenceClient},
 * {@code http://} and {@code https://} URLs) or gRPC ({@link GrpcInferenceClient}, {@code grpc://}). Both send a
 * batch as one tensor {@code [rows, width]} and read one score per row from one output, as {@link RemoteTensors}
 * says ({@code features} as FP64 and the first output by default), and fail the future with a
 * {@link RemoteCallException} that says whether a retry may help.
 */
public interface InferenceTransport extends AutoCloseable {
    /**
     * The largest response either transport reads (a REST body, a gRPC message): a batch's scores are far below it, a
     * wrong server's answer might not be, and it must not fill the TaskManager's heap.
     */
    int MAX_RESPONSE_BYTES = 64 << 20;

    /** A batch's scores and the model version the server says scored them (null when it does not say). */
    record Result(double[] scores, String modelVersion) {}

    /** What the server says about the model: its model metadata, as the protocol defines it. */
    record ModelInfo(String name, List<String> versions, List<Tensor> inputs, List<Tensor> outputs) {
        public ModelInfo {
            versions = List.copyOf(versions);
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    /** A tensor's metadata: -1 in {@code shape} is a dimension of any size. */
    record Tensor(String name, String datatype, List<Long> shape) {
        public Tensor {
            shape = List.copyOf(shape);
        }
    }

    /** Scores {@code rows[0 .. count)}, each {@code width} features long. */
    CompletableFuture<Result> infer(double[][] rows, int count, int width);

    /**
     * The model's metadata ({@code GET /v2/models/{name}[/versions/{v}]}, or {@code ModelMetadata}); fails with a
     * {@link RemoteCallException} as {@link #infer} does, its {@link RemoteCallException#refusal()} saying when the
     * server has no such model or version, or refused the credentials.
     */
    CompletableFuture<ModelInfo> modelInfo();

    /** Where the calls go, for logs and errors: the REST infer URL, or the gRPC target and model. */
    String endpoint();

    @Override
    void close();

    /** The transport {@code config.url()}'s scheme names. */
    static InferenceTransport open(RemoteScoringConfig config) {
        return config.grpc() ? new GrpcInferenceClient(config)
                : new InferenceClient(config);
    }
}

package io.streamscore.serving;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.streamscore.serving.oip.GRPCInferenceServiceGrpc;
import io.streamscore.serving.oip.ModelInferRequest;
import io.streamscore.serving.oip.ModelInferRequest.InferInputTensor;
import io.streamscore.serving.oip.ModelInferResponse;
import io.streamscore.serving.oip.ModelMetadataRequest;
import io.streamscore.serving.oip.ModelMetadataResponse;
import io.streamscore.serving.oip.ModelMetadataResponse.TensorMetadata;
import io.streamscore.serving.oip.ModelReadyRequest;
import io.streamscore.serving.oip.ModelReadyResponse;
import io.streamscore.serving.oip.ServerLiveRequest;
import io.streamscore.serving.oip.ServerLiveResponse;
import io.streamscore.serving.oip.ServerMetadataRequest;
import io.streamscore.serving.oip.ServerMetadataResponse;
import io.streamscore.serving.oip.ServerReadyRequest;
import io.streamscore.serving.oip.ServerReadyResponse;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Open Inference Protocol's gRPC form of {@link InferenceServer}: the same models, versions and batchers as its
 * REST endpoints, so REST and gRPC requests for a model batch together. {@code ModelInfer} takes what the REST
 * {@code infer} takes (one input {@value ModelSignature#INPUT} of shape {@code [rows, width]} or {@code [width]}, any
 * numeric datatype, raw or typed contents) and answers one FP64 output {@value ModelSignature#OUTPUT} in
 * {@code raw_output_contents}, as Triton does. Errors are status codes with the REST error's message:
 * {@code INVALID_ARGUMENT} for 400, {@code NOT_FOUND} for 404, {@code INTERNAL} for 500 (a model that fails
 * scoring), {@code UNAVAILABLE} for 503. Requests are read on
 * gRPC's transport threads (nothing here blocks: scoring waits in the batcher's queue) and answered on the batcher's.
 */
final class GrpcInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcInferenceService.class);

    private final ServedModels models;
    private final BooleanSupplier ready;
    private final ServeMetrics metrics;

    GrpcInferenceService(ServedModels models, BooleanSupplier ready, ServeMetrics metrics) {
        this.models = models;
        this.ready = ready;
        this.metrics = metrics;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> observer) {
        answer(observer, () -> ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> observer) {
        answer(observer, () -> ServerReadyResponse.newBuilder().setReady(ready.getAsBoolean()).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> observer) {
        answer(observer, () -> ServerMetadataResponse.newBuilder().setName("streamscore").setVersion("2").build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> observer) {
        answer(observer, () -> {
            models.get(request.getName(), versionOf(request.getVersion()));
            return ModelReadyResponse.newBuilder().setReady(true).build();
        });
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> observer) {
        answer(observer, () -> {
            ModelSignature signature = models.get(request.getName(), versionOf(request.getVersion())).signature();
            ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder()
                    .setName(signature.name())
                    .setPlatform(signature.platform())
                    .addInputs(tensor(ModelSignature.INPUT).addShape(-1).addShape(signature.width()))
                    .addOutputs(tensor(ModelSignature.OUTPUT).addShape(-1));
            models.versions(request.getName()).forEach(version -> metadata.addVersions(version.toString()));
            return metadata.build();
        });
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
        long received = System.nanoTime();
        RequestMetrics counted = metrics.unresolved();
        ServedModels.ServedModel model;
        double[][] rows;
        try {
            model = models.get(request.getModelName(), versionOf(request.getModelVersion()));
            counted = model.metrics();
            rows = rows(request, model.signature());
        } catch (RuntimeException e) {
            counted.failed(RequestMetrics.Protocol.GRPC, e, received);
            observer.onError(status(e).asRuntimeException());
            return;
        }
        ModelSignature signature = model.signature();
        // The batcher's thread answers: a response is a few hundred bytes, cheaper to send than to hand over.
        model.batcher().score(rows).whenComplete((scores, error) -> {
            if (error != null) {
                InferenceException failed = InferenceException.ofScoring(error);
                model.metrics().failed(RequestMetrics.Protocol.GRPC, failed, received);
                observer.onError(status(failed).asRuntimeException());
                return;
            }
            ModelInferResponse response = ModelInferResponse.newBuilder()
                    .setModelName(signature.name())
                    .setModelVersion(Integer.toString(signature.version()))
                    .setId(request.getId())
                    .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                            .setName(ModelSignature.OUTPUT)
                            .setDatatype(Datatype.FP64.name())
                            .addShape(scores.length))
                    .addRawOutputContents(TensorContents.rawFp64(scores))
                    .build();
            model.metrics().answered(RequestMetrics.Protocol.GRPC, 200, received);
            observer.onNext(response);
            observer.onCompleted();
        });
    }

    /** The request's rows, checked as the REST reader checks them. */
    private static double[][] rows(ModelInferRequest request, ModelSignature signature) {
        for (ModelInferRequest.InferRequestedOutputTensor output : request.getOutputsList()) {
            if (!ModelSignature.OUTPUT.equals(output.getName())) {
                throw InferenceException.badRequest("unknown output '" + output.getName() + "'; this model has one "
                        + "output, '" + ModelSignature.OUTPUT + "'");
            }
        }
        if (request.getInputsCount() != 1) {
            throw InferenceException.badRequest("this model takes " + signature.describeInput() + "; the request has "
                    + request.getInputsCount() + " inputs");
        }
        InferInputTensor input = request.getInputs(0);
        if (!ModelSignature.INPUT.equals(input.getName())) {
            throw InferenceException.badRequest("unknown input '" + input.getName() + "'; this model takes "
                    + signature.describeInput());
        }
        if (input.getShapeCount() == 0 || input.getShapeList().stream().anyMatch(dim -> dim < 0)) {
            throw InferenceException.badRequest("input '" + input.getName() + "': shape " + input.getShapeList()
                    + " is not a list of sizes; this model takes " + signature.describeInput());
        }
        long[] shape = input.getShapeList().stream().mapToLong(Long::longValue).toArray();
        double[] flat = new double[InferenceRequestReader.elements(input.getName(), shape, signature)];
        int raw = request.getRawInputContentsCount();
        if (raw > 1 || raw == 1 && input.hasContents()) {
            throw InferenceException.badRequest("input '" + input.getName() + "' has " + (raw > 1 ? raw
                    + " raw_input_contents entries for one input" : "both raw_input_contents and contents; send one"));
        }
        try {
            if (raw == 1) {
                TensorContents.readRaw(input.getName(), input.getDatatype(), request.getRawInputContents(0), flat);
            } else {
                TensorContents.readTyped(input.getName(), input.getDatatype(), input.getContents(), flat);
            }
        } catch (IllegalArgumentException e) {
            throw InferenceException.badRequest(e.getMessage());
        }
        return InferenceRequestReader.split(flat, signature.width());
    }

    private static TensorMetadata.Builder tensor(String name) {
        return TensorMetadata.newBuilder().setName(name).setDatatype(Datatype.FP64.name());
    }

    private static String versionOf(String version) {
        return version.isEmpty() ? null : version;
    }

    private static <T> void answer(StreamObserver<T> observer, Supplier<T> response) {
        T answer;
        try {
            answer = response.get();
        } catch (RuntimeException e) {
            observer.onError(status(e).asRuntimeException());
            return;
        }
        observer.onNext(answer);
        observer.onCompleted();
    }

    /** The REST status of {@code error} as a gRPC status, with its message. */
    static Status status(RuntimeException error) {
        if (!(error instanceof InferenceException refused)) {
            LOG.warn("gRPC request failed", error);
            return Status.INTERNAL.withDescription("internal error: " + error);
        }
        Status status = switch (refused.status()) {
            case 400 -> Status.INVALID_ARGUMENT;
            case 404 -> Status.NOT_FOUND;
            case 405 -> Status.UNIMPLEMENTED;
            case 503 -> Status.UNAVAILABLE;
            default -> Status.INTERNAL;
        };
        return status.withDescription(refused.getMessage());
    }
}

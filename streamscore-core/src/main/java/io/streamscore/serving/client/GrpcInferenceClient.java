package io.streamscore.serving.client;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.streamscore.serving.TensorContents;
import io.streamscore.serving.oip.GRPCInferenceServiceGrpc;
import io.streamscore.serving.oip.GRPCInferenceServiceGrpc.GRPCInferenceServiceStub;
import io.streamscore.serving.oip.ModelInferRequest;
import io.streamscore.serving.oip.ModelInferResponse;
import io.streamscore.serving.oip.ModelMetadataRequest;
import io.streamscore.serving.oip.ModelMetadataResponse;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * Calls one model's {@code ModelInfer} over the Open Inference Protocol's gRPC form (Triton, KServe,
 * {@code streamscore serve --grpc-port}), asynchronously, on one HTTP/2 channel per client (plaintext). A batch goes
 * as one FP64 tensor {@code [rows, width]} in {@code raw_input_contents}; the answer's first output is read from
 * {@code raw_output_contents} or from its typed contents, whichever the server sent. Each call has the timeout as its
 * deadline. Status codes map to retries as the REST client's statuses do: {@code UNAVAILABLE} (connection refused or
 * lost), {@code RESOURCE_EXHAUSTED}, {@code ABORTED}, {@code INTERNAL}, {@code UNKNOWN} and {@code DEADLINE_EXCEEDED}
 * may be retried; a request the server refuses ({@code INVALID_ARGUMENT}, {@code NOT_FOUND}, ...) is not.
 */
public final class GrpcInferenceClient implements InferenceTransport {
    private static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.UNAVAILABLE,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED, Status.Code.INTERNAL, Status.Code.UNKNOWN,
            Status.Code.DEADLINE_EXCEEDED);

    private final ManagedChannel channel;
    /** The channel's own threads (not gRPC's shared ones), so {@link #close} ends them all before it returns. */
    private final EventLoopGroup eventLoop;
    private final ExecutorService offload;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final GRPCInferenceServiceStub stub;
    private final String model;
    private final String version;
    private final long timeoutNanos;
    private final String endpoint;
    private final RemoteTensors tensors;

    public GrpcInferenceClient(RemoteScoringConfig config) {
        this(URI.create(config.url()), config.model(), config.version(), config.timeout(), config.tensors(),
                config.headers(), config.tlsCaPem(), config.tlsIdentity());
    }

    /** With the tensors {@code streamscore serve} speaks, and no metadata of its own. */
    public GrpcInferenceClient(URI address, String model, Integer version, Duration timeout) {
        this(address, model, version, timeout, RemoteTensors.DEFAULT, Map.of(), null, null);
    }

    /**
     * @param address  {@code grpc://host:port}, or {@code grpcs://host:port} for TLS
     * @param version  null for the server's default version
     * @param headers  sent as metadata with every call (names lower-cased, as gRPC requires)
     * @param tlsCaPem with {@code grpcs://}: the CAs to trust (PEM), or null for the JVM's trust store
     * @param tlsIdentity with {@code grpcs://}: the client certificate for a server that requires one, or null
     */
    public GrpcInferenceClient(URI address, String model, Integer version, Duration timeout, RemoteTensors tensors,
                               Map<String, String> headers, String tlsCaPem, TlsIdentity tlsIdentity) {
        this.tensors = tensors;
        // Answers complete their futures on the transport's thread: that is all the callback does.
        // Threads of its own: gRPC's shared event loop would outlive a Flink job by a second and then load classes
        // from the job's closed class loader (NoClassDefFoundError in the TaskManager's log after every stop).
        this.eventLoop = new MultiThreadIoEventLoopGroup(1, recorded("streamscore-grpc"),
                NioIoHandler.newFactory());
        this.offload = Executors.newSingleThreadExecutor(recorded("streamscore-grpc-resolver"));
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(address.getHost(), address.getPort())
                .eventLoopGroup(eventLoop).channelType(NioSocketChannel.class).offloadExecutor(offload)
                .directExecutor().maxInboundMessageSize(MAX_RESPONSE_BYTES);
        if (!RemoteScoringConfig.GRPC_TLS_SCHEME.equals(address.getScheme())) {
            builder.usePlaintext();
        } else if (tlsCaPem != null || tlsIdentity != null) {
            try {
                SslContextBuilder tls = GrpcSslContexts.forClient();
                if (tlsCaPem != null) {
                    tls.trustManager(PemTrust.certificates(tlsCaPem).toArray(X509Certificate[]::new));
                }
                if (tlsIdentity != null) {
                    tls.keyManager(tlsIdentity.privateKey(), tlsIdentity.chain().toArray(X509Certificate[]::new));
                }
                builder.sslContext(tls.build());
            } catch (GeneralSecurityException | SSLException e) {
                throw new IllegalArgumentException("model.remote TLS files (tls_ca_file, tls_cert_file, tls_key_file): "
                        + e.getMessage(), e);
            }
        }
        this.channel = builder.build();
        channel.getState(true); // connect now, not at the first batch
        Metadata metadata = new Metadata();
        headers.forEach((name, value) -> metadata.put(
                Metadata.Key.of(name.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER), value));
        this.stub = GRPCInferenceServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
        this.model = model;
        this.version = version == null ? "" : version.toString();
        this.timeoutNanos = timeout.toNanos();
        this.endpoint = address + " (gRPC ModelInfer, model " + model + (version == null ? "" : " version " + version)
                + ")";
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public CompletableFuture<Result> infer(double[][] rows, int count, int width) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder()
                .setModelName(model)
                .setModelVersion(version)
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                        .setName(tensors.input())
                        .setDatatype(tensors.datatype().name())
                        .addShape(count)
                        .addShape(width))
                .addRawInputContents(ByteString.copyFrom(tensors.raw(rows, count, width)));
        if (tensors.output() != null) {
            request.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(tensors.output()));
        }
        return this.<ModelInferResponse, Result>call((target, observer) -> target.modelInfer(request.build(), observer),
                response -> decode(response, count));
    }

    @Override
    public CompletableFuture<ModelInfo> modelInfo() {
        ModelMetadataRequest request = ModelMetadataRequest.newBuilder().setName(model).setVersion(version).build();
        return this.<ModelMetadataResponse, ModelInfo>call(
                (target, observer) -> target.modelMetadata(request, observer), metadata -> new ModelInfo(
                metadata.getName(), metadata.getVersionsList(), tensors(metadata.getInputsList()),
                tensors(metadata.getOutputsList())));
    }

    /** One unary call with the timeout as its deadline; its answer decoded, or the call's failure as the exception. */
    private <T, R> CompletableFuture<R> call(BiConsumer<GRPCInferenceServiceStub, StreamObserver<T>> method,
                                             Function<T, R> decode) {
        CompletableFuture<R> result = new CompletableFuture<>();
        method.accept(stub.withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS), new StreamObserver<>() {
            @Override
            public void onNext(T response) {
                try {
                    result.complete(decode.apply(response));
                } catch (RemoteCallException e) {
                    result.completeExceptionally(e);
                }
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(failure(error));
            }

            @Override
            public void onCompleted() {
                result.completeExceptionally(new RemoteCallException(endpoint + " answered without a response",
                        true, false, null)); // a no-op once onNext completed it
            }
        });
        return result;
    }

    private static List<Tensor> tensors(List<ModelMetadataResponse.TensorMetadata> metadata) {
        return metadata.stream().map(t -> new Tensor(t.getName(), t.getDatatype(), t.getShapeList())).toList();
    }

    private Result decode(ModelInferResponse response, int count) {
        int index = 0;
        if (tensors.output() != null) {
            index = response.getOutputsList().stream().map(ModelInferResponse.InferOutputTensor::getName).toList()
                    .indexOf(tensors.output());
        }
        if (index < 0 || response.getOutputsCount() <= index) {
            throw new RemoteCallException("the response from " + endpoint + " has no output"
                    + (tensors.output() == null ? "s" : " '" + tensors.output() + "'"), false, false, null);
        }
        ModelInferResponse.InferOutputTensor output = response.getOutputs(index);
        try {
            double[] values = response.getRawOutputContentsCount() > index
                    ? TensorContents.readRaw(output.getName(), output.getDatatype(),
                            response.getRawOutputContents(index))
                    : TensorContents.readTyped(output.getName(), output.getDatatype(), output.getContents());
            String scoredBy = response.getModelVersion();
            return new Result(tensors.perRow(output.getName(), output.getShapeList(), values, count),
                    scoredBy.isEmpty() ? null : scoredBy);
        } catch (IllegalArgumentException e) {
            throw new RemoteCallException("the response from " + endpoint + " has no score per row: "
                    + e.getMessage(), false, false, e);
        }
    }

    /** The exception a failed call completes with: retryable as {@link #RETRYABLE} says, timed out on a deadline. */
    static RemoteCallException failure(Throwable error) {
        Status status = error instanceof StatusRuntimeException e ? e.getStatus() : Status.fromThrowable(error);
        boolean timeout = status.getCode() == Status.Code.DEADLINE_EXCEEDED;
        String description = status.getDescription() == null ? "" : ": " + status.getDescription();
        return new RemoteCallException((timeout ? "timed out: " : "gRPC ") + status.getCode() + description,
                RETRYABLE.contains(status.getCode()), timeout, switch (status.getCode()) {
                    case NOT_FOUND -> RemoteCallException.Refusal.NOT_FOUND;
                    case UNAUTHENTICATED, PERMISSION_DENIED -> RemoteCallException.Refusal.DENIED;
                    default -> RemoteCallException.Refusal.NONE;
                }, error);
    }

    /**
     * Closes the channel (calls still outstanding fail with {@code UNAVAILABLE}) and ends its threads, waiting up to
     * a few seconds for them.
     */
    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        offload.shutdownNow();
        // Both executors report termination from their thread's last steps, before it has ended: wait for the
        // threads themselves, so that none is alive when close() returns (the resolver once still was, in CI).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            for (Thread thread : threads) {
                TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory recorded(String name) {
        ThreadFactory factory = new DefaultThreadFactory(name, true);
        return task -> {
            Thread thread = factory.newThread(task);
            threads.add(thread);
            return thread;
        };
    }
}

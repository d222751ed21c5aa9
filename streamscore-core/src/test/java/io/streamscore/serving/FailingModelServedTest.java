package io.streamscore.serving;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.streamscore.serving.oip.GRPCInferenceServiceGrpc;
import io.streamscore.serving.oip.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ServedRegistryTest} with a model that fails at run time, {@value #FAILING} (the real ONNX graph of
 * {@link ServingFixtures#registerOneRowOnly}: two rows or more fail, one row scores), and a gRPC stub for the server.
 */
abstract class FailingModelServedTest extends ServedRegistryTest {
    static final String FAILING = "one_row";
    static ManagedChannel channel;
    static GRPCInferenceServiceBlockingStub stub;

    @BeforeAll
    static void registerFailingModelAndConnect() throws Exception {
        ServingFixtures.registerOneRowOnly(dir, FAILING);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void disconnect() {
        channel.shutdownNow();
    }
}

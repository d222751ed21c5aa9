package io.streamscore.cli;

import io.streamscore.registry.ModelRegistry;
import io.streamscore.serving.InferenceServer;
import io.streamscore.serving.ServerConfig;
import io.streamscore.serving.ServerTls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code streamscore serve}: the registry's models over the Open Inference Protocol (KServe v2 REST, and its gRPC
 * form with {@code --grpc-port}), so a team can serve exactly the models its pipelines use in-process, and pipelines
 * can score remotely ({@code model.remote}). Prometheus metrics are at {@code /metrics} on the REST port.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the registry's models over the Open Inference Protocol (KServe v2 REST; gRPC with"
                + " --grpc-port) until Ctrl-C.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--registry", required = true, paramLabel = "DIR", description = "Registry directory or file: URI.")
    String registry;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
            description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--grpc-port", paramLabel = "P",
            description = "Also serve the protocol's gRPC form (inference.GRPCInferenceService) on this port of the"
                    + " same host (0: any free port). Default: REST only.")
    Integer grpcPort;

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "Serve REST (https://) and gRPC (grpcs://) over TLS with this certificate chain (PEM; with"
                    + " --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM",
            description = "The certificate's key: unencrypted PKCS#8 PEM (-----BEGIN PRIVATE KEY-----).")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "PEM",
            description = "Mutual TLS: require every client to present a certificate signed by one of these CAs"
                    + " (PEM; with --tls-cert).")
    Path tlsClientCa;

    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST, paramLabel = "HOST",
            description = "Interface to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network).")
    String host;

    @Option(names = "--threads", defaultValue = "" + ServerConfig.DEFAULT_THREADS, paramLabel = "N",
            description = "HTTP handler threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-batch", defaultValue = "" + ServerConfig.DEFAULT_MAX_BATCH, paramLabel = "ROWS",
            description = "Most rows scored in one batch across concurrent requests (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-wait", defaultValue = "0ms", paramLabel = "D",
            description = "How long a batch waits for more requests (default: ${DEFAULT-VALUE}: only what queued).")
    Duration maxWait;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both to serve over "
                        + "TLS, or neither");
            }
            if (tlsClientCa != null && tlsCert == null) {
                throw new IllegalArgumentException("--tls-client-ca needs TLS: give --tls-cert and --tls-key too");
            }
            config = new ServerConfig(host, port, threads, maxBatch, maxWait,
                    grpcPort == null ? ServerConfig.NO_GRPC : grpcPort,
                    tlsCert == null ? null : new ServerTls(tlsCert, tlsKey, tlsClientCa));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
        ModelRegistry models = ExistingRegistry.open(registry);
        PrintWriter out = command.commandLine().getOut();
        try (ShutdownSignal signal = new ShutdownSignal();
             InferenceServer server = InferenceServer.start(config, models, List.of())) {
            out.println("Serving " + registry + " at " + server.url() + "/v2"
                    + (server.grpcTarget() == null ? "" : " and " + server.grpcTarget() + " (gRPC)")
                    + " (Ctrl-C to stop)");
            out.println("Metrics: " + server.url() + "/metrics");
            out.flush();
            while (!signal.await(Duration.ofHours(1))) {
                // Serve until Ctrl-C.
            }
        }
        return 0;
    }
}

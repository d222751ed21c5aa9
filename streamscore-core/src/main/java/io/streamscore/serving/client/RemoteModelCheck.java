package io.streamscore.serving.client;

import io.streamscore.registry.ModelManifest;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.serving.ModelSignature;
import io.streamscore.serving.client.InferenceTransport.ModelInfo;
import io.streamscore.serving.client.InferenceTransport.Tensor;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks, before a pipeline starts, that the server {@code model.remote} names answers for the model and takes what
 * the pipeline will send it: one input of the configured name ({@value ModelSignature#INPUT} by default) and datatype,
 * of shape {@code [rows, width]}, the width being the registry manifest's feature count, and gives the configured
 * output with one score per row (or the configured column of several). Without it a wrong URL, model name or
 * version only shows as every event scored by the fallback, which by design keeps the stream going. Asks the server
 * for the model's metadata, over REST or gRPC as the URL says.
 */
public final class RemoteModelCheck {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** What is wrong: the spec field to fix and why. */
    public record Problem(String field, String reason) {}

    private RemoteModelCheck() {}

    /**
     * The manifest of the version whose features the pipeline sends: {@code model.remote.version}'s when set, else
     * the champion's, else the newest version's.
     */
    public static ModelManifest manifest(ModelRegistry registry, String name, Integer version) throws IOException {
        if (version != null) {
            return registry.manifest(name, version);
        }
        List<Integer> versions = registry.versions(name);
        return registry.champion(name).orElse(registry.manifest(name, versions.get(versions.size() - 1)));
    }

    /** The problem with scoring {@code manifest}'s rows through {@code config}'s server, if any. */
    public static Optional<Problem> check(RemoteScoringConfig config, ModelManifest manifest, Duration timeout) {
        RemoteScoringConfig once = config.withFaultHandling(timeout, 0, config.backoff(), config.breakerFailures(),
                config.breakerOpenFor());
        ModelInfo info;
        try (InferenceTransport transport = InferenceTransport.open(once)) {
            info = transport.modelInfo().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return Optional.of(failed(config, e.getCause()));
        } catch (TimeoutException e) {
            return Optional.of(unreachable(config, "no answer in " + timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(unreachable(config, "interrupted"));
        }
        return shapeProblem(config, manifest, info);
    }

    private static Problem failed(RemoteScoringConfig config, Throwable cause) {
        RemoteCallException.Refusal refusal = cause instanceof RemoteCallException call ? call.refusal()
                : RemoteCallException.Refusal.NONE;
        if (refusal == RemoteCallException.Refusal.DENIED) {
            return new Problem("model.remote.headers", "the server at " + config.url() + " refused the request ("
                    + cause.getMessage() + "); check the credentials in `model.remote.headers`"
                    + (config.headers().isEmpty() ? " (none are set)" : ""));
        }
        if (refusal == RemoteCallException.Refusal.NOT_FOUND) {
            String field = config.version() == null ? "model.remote.model" : "model.remote.version";
            return new Problem(field, "the server at " + config.url() + " has no model '" + config.model() + "'"
                    + (config.version() == null ? "" : " version " + config.version()) + " (" + cause.getMessage()
                    + "); check `model.remote.model` (default: `model.name`) and `model.remote.version`, or deploy the "
                    + "model there");
        }
        TlsRefusal tls = config.tls() ? tlsRefusal(config, cause) : TlsRefusal.NONE;
        if (tls == TlsRefusal.CERTIFICATE_REQUIRED) {
            return new Problem("model.remote.tls_cert_file", "the server at " + config.url() + " requires a client "
                    + "certificate (" + cause.getMessage() + "); set `model.remote.tls_cert_file` and "
                    + "`model.remote.tls_key_file` to a certificate and key signed by a CA the server trusts");
        }
        if (tls == TlsRefusal.CERTIFICATE_REFUSED) {
            return new Problem("model.remote.tls_cert_file", "the server at " + config.url() + " refused the client "
                    + "certificate (" + config.tlsIdentity() + "; " + cause.getMessage() + "); "
                    + "`model.remote.tls_cert_file` must be signed by a CA the server trusts");
        }
        return unreachable(config, cause.getMessage());
    }

    /** From the failure, or else from a probe of the server: the clients' errors rarely carry the server's alert. */
    private static TlsRefusal tlsRefusal(RemoteScoringConfig config, Throwable cause) {
        boolean presentedOne = config.tlsIdentity() != null;
        TlsRefusal refusal = TlsRefusal.of(cause, presentedOne);
        if (refusal != TlsRefusal.NONE) {
            return refusal;
        }
        URI server = URI.create(config.url());
        try {
            return TlsProbe.refusal(PemTrust.sslContext(config.tlsCaPem(), config.tlsIdentity()).getSocketFactory(),
                    server.getHost(), server.getPort() > 0 ? server.getPort() : 443, config.grpc() ? "h2" : null,
                    presentedOne, PROBE_TIMEOUT);
        } catch (GeneralSecurityException e) {
            return TlsRefusal.NONE;
        }
    }

    private static Problem unreachable(RemoteScoringConfig config, String why) {
        return new Problem("model.remote.url", "the model server at " + config.url() + " did not answer for model '"
                + config.model() + "' (" + why + "); check `model.remote.url` or start the server");
    }

    private static Optional<Problem> shapeProblem(RemoteScoringConfig config, ModelManifest manifest, ModelInfo info) {
        RemoteTensors tensors = config.tensors();
        String model = "model '" + config.model() + "' at " + config.url();
        int width = manifest.featureNames().size();
        String sent = "one input '" + tensors.input() + "' of shape [rows, " + width + "] (the features of "
                + manifest.name() + " v" + manifest.version() + " in the registry: " + manifest.featureNames() + ")";
        Tensor input = info.inputs().stream().filter(t -> tensors.input().equals(t.name())).findFirst().orElse(null);
        if (input == null || info.inputs().size() != 1) {
            return Optional.of(new Problem("model.remote.input", model + " takes " + describe("input", info.inputs())
                    + ", but the pipeline sends " + sent + "; set `model.remote.input` to its input's name, or serve "
                    + "a model with one input"));
        }
        List<Long> shape = input.shape();
        long last = shape.isEmpty() ? 0 : shape.get(shape.size() - 1);
        if (shape.size() != 2 || last != -1 && last != width) {
            return Optional.of(new Problem(config.version() == null ? "model.remote.model" : "model.remote.version",
                    model + " takes " + describe("input", List.of(input)) + ", but the pipeline sends " + sent
                            + "; serve the same version there, or pin `model.remote.version` to the one served"));
        }
        if (!input.datatype().isEmpty() && !input.datatype().equals(tensors.datatype().name())) {
            return Optional.of(new Problem("model.remote.datatype", model + " takes "
                    + describe("input", List.of(input)) + ", but the pipeline sends " + tensors.datatype()
                    + "; set `model.remote.datatype: " + input.datatype() + "` (FP64 and FP32 can be sent)"));
        }
        return outputProblem(tensors, model, info.outputs());
    }

    private static Optional<Problem> outputProblem(RemoteTensors tensors, String model, List<Tensor> outputs) {
        Tensor output = outputs.stream().filter(t -> tensors.output() == null || tensors.output().equals(t.name()))
                .findFirst().orElse(null);
        if (output == null) {
            String has = outputs.isEmpty() ? " declares no output"
                    : " has no output '" + tensors.output() + "' (it has " + describe("output", outputs) + ")";
            return Optional.of(new Problem("model.remote.output", model + has + "; name the output that holds the "
                    + "score in `model.remote.output`"));
        }
        List<Long> shape = output.shape();
        long perRow = shape.size() < 2 ? 1 : shape.get(shape.size() - 1);
        if (perRow > 1 && tensors.outputColumn() == null) {
            return Optional.of(new Problem("model.remote.output_column", model + " gives output '" + output.name()
                    + "' (" + output.datatype() + " " + shape + "), " + perRow + " values per row; set "
                    + "`model.remote.output_column` to the one that is the score (e.g. 1, the positive class's "
                    + "probability)"));
        }
        if (tensors.outputColumn() != null && perRow > 0 && tensors.outputColumn() >= perRow) {
            return Optional.of(new Problem("model.remote.output_column", model + " gives output '" + output.name()
                    + "' (" + output.datatype() + " " + shape + "), " + perRow + " value(s) per row; column "
                    + tensors.outputColumn() + " is not one of them"));
        }
        return Optional.empty();
    }

    /** E.g. {@code input 'features' (FP64 [-1, 2])}, {@code outputs 'label' (INT64 [-1]), 'probabilities' (...)}. */
    private static String describe(String noun, List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            return "no " + noun + "s";
        }
        return (tensors.size() == 1 ? noun + " " : noun + "s ") + String.join(", ", tensors.stream()
                .map(t -> "'" + t.name() + "' (" + t.datatype() + " " + t.shape() + ")").toList());
    }
}

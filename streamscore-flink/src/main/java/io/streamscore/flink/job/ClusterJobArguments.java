package io.streamscore.flink.job;

import io.streamscore.spec.KafkaSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import io.streamscore.spec.SpecValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The program arguments of the job jar's entry point. The spec travels either as a path readable on the JobManager
 * ({@code --spec /opt/streamscore/fraud.yaml}, the Kubernetes way) or inline ({@code --spec-base64 TEXT --spec-dir
 * DIR}, what {@code streamscore submit} sends), so a cluster needs no shared file system for it.
 * {@code --bootstrap-servers} overrides the spec's {@code kafka.bootstrap} (required when that says {@code embedded}).
 */
public record ClusterJobArguments(PipelineSpec spec) {
    public static final String SPEC = "--spec";
    public static final String SPEC_BASE64 = "--spec-base64";
    public static final String SPEC_DIR = "--spec-dir";
    public static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";

    /** The arguments {@code submit} sends: the spec text inline, its folder for relative paths, the Kafka address. */
    public static List<String> inline(String yaml, Path specDir, String bootstrapServers) {
        List<String> args = new ArrayList<>(List.of(
                SPEC_BASE64, Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8)),
                SPEC_DIR, specDir.toAbsolutePath().toString()));
        if (bootstrapServers != null) {
            args.addAll(List.of(BOOTSTRAP_SERVERS, bootstrapServers));
        }
        return args;
    }

    public static ClusterJobArguments parse(String[] args) {
        String file = null;
        String inline = null;
        String dir = ".";
        String bootstrap = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i++]) {
                case SPEC -> file = value;
                case SPEC_BASE64 -> inline = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                case SPEC_DIR -> dir = value;
                case BOOTSTRAP_SERVERS -> bootstrap = value;
                default -> throw new IllegalArgumentException("unknown argument " + args[i - 1]
                        + "; expected " + SPEC + " PATH or " + SPEC_BASE64 + " TEXT, optionally " + BOOTSTRAP_SERVERS);
            }
        }
        if ((file == null) == (inline == null)) {
            throw new IllegalArgumentException("give exactly one of " + SPEC + " PATH and " + SPEC_BASE64 + " TEXT");
        }
        String serversProblem = bootstrap == null ? null : KafkaSpec.serversProblem(bootstrap);
        if (serversProblem != null) {
            throw new IllegalArgumentException(BOOTSTRAP_SERVERS + ": " + serversProblem
                    + "; write host:port[,host:port...]");
        }
        PipelineSpec spec = load(file, inline, dir);
        if (bootstrap != null) {
            spec = spec.withKafka(new KafkaSpec(bootstrap, spec.kafka().properties()));
        }
        if (spec.kafka().embedded()) {
            throw new IllegalArgumentException("kafka.bootstrap is `embedded`, which only runs inside one process: "
                    + "pass " + BOOTSTRAP_SERVERS + " HOST:PORT or write the cluster's address in the spec");
        }
        return new ClusterJobArguments(spec);
    }

    /**
     * The spec as the JobManager reads it. {@code submit} validated it on the user's machine, so a problem here is
     * one of the cluster's: a {@code ${NAME}} variable not set in the JobManager's environment or a file (schema,
     * {@code tls_*_file}) not on its disk. The message says so, or the fix "set NAME" reads as already done. It holds
     * every problem, so it goes without its cause: {@code submit} shows the innermost cause of Flink's trace.
     */
    private static PipelineSpec load(String file, String inline, String dir) {
        try {
            return file != null ? SpecLoader.load(Path.of(file)) : SpecLoader.parse(inline, Path.of(dir));
        } catch (SpecValidationException e) {
            throw new IllegalArgumentException("the spec does not load on the JobManager, which reads its ${NAME} "
                    + "references from its own environment and its files (schemas, tls_*_file) from its own disk: "
                    + e.getMessage());
        }
    }
}

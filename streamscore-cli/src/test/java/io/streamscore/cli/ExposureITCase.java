package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.local.LocalRuntime;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.serving.InferenceServer;
import io.streamscore.serving.ServerConfig;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SecretValue;
import io.streamscore.spec.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Nothing Streamscore opens is reachable from the network unless configured: with a local run (embedded Kafka
 * broker and controller, Flink MiniCluster REST, RPC and blob server, the Prometheus endpoint) and {@code serve}
 * with its defaults up, every listening socket this JVM opened is bound to 127.0.0.1, as the kernel reports it
 * ({@code /proc/net/tcp*}). And a spec holding a secret prints it masked.
 */
class ExposureITCase extends PipelineTestBase {

    @Test
    void everyListeningSocketOfALocalRunAndServeIsLoopbackOnly(@TempDir Path dir) throws Exception {
        Set<String> before = listeningSockets().keySet();
        CommandLine command = StreamscoreCommand.commandLine();
        command.parseArgs("serve", "--registry", dir.toString());
        ServeCommand serve = command.getSubcommands().get("serve").getCommand();
        assertThat(serve.host).as("serve's default --host").isEqualTo("127.0.0.1");
        try (LocalRuntime runtime = LocalRuntime.start(spec("json"), LocalRuntime.Options.defaults());
             InferenceServer server = InferenceServer.start(new ServerConfig(serve.host, 0, serve.threads,
                     serve.maxBatch, serve.maxWait), ModelRegistry.open(dir.resolve("registry")), List.of())) {
            runtime.startJob(List.of());
            Map<String, String> opened = listeningSockets();
            opened.keySet().removeAll(before);
            assertThat(opened).as("sockets opened: broker, controller, Flink REST/RPC/blob, metrics, serve")
                    .hasSizeGreaterThanOrEqualTo(5)
                    .allSatisfy((inode, address) -> assertThat(address).as("socket %s", inode).startsWith("127.0.0.1:"));
            assertThat(opened.values()).contains("127.0.0.1:" + runtime.metricsPort(), "127.0.0.1:" + server.port());
        }
    }

    @Test
    void specWithASecretPrintsItMasked() {
        String secret = "s3cr3t-Pa55word";
        PipelineSpec spec = SpecLoader.parse("""
                name: secrets
                kafka:
                  bootstrap: broker-1:9093
                  properties:
                    security.protocol: SASL_SSL
                    sasl.jaas.config: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="${KAFKA_PASSWORD}";'
                sources:
                  transactions: {topic: transactions, schema: transaction, key: user_id, event_time: event_time}
                outputs: {scores_topic: s, alerts_topic: a, late_topic: l, dead_letter_topic: d}
                """, Path.of("."), Map.of("KAFKA_PASSWORD", secret));
        assertThat(spec.kafka().properties().get("sasl.jaas.config")).as("the client gets the secret").contains(secret);
        assertThat(spec.toString()).doesNotContain(secret).contains(SecretValue.MASK);
        assertThat(spec.kafka().toString()).doesNotContain(secret);
    }

    /** Listening TCP sockets of this process: socket inode -> local address (IPv4 and IPv4-mapped IPv6). */
    private static Map<String, String> listeningSockets() throws IOException {
        Set<String> ownInodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ownInodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between list and read: not a socket we need to see
                }
            }
        }
        Map<String, String> sockets = new java.util.HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table)); // read once: the table changes as sockets open
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && ownInodes.contains(f[9])) { // 0A: LISTEN
                    sockets.put(f[9], address(f[1]));
                }
            }
        }
        return sockets;
    }

    /** {@code 0100007F:1F90} or the IPv6 form as {@code a.b.c.d:port}; IPv6 other than v4-mapped as {@code [v6]:port}. */
    private static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String ip = parts[0];
        if (ip.length() == 32) {
            if (!ip.startsWith("0000000000000000FFFF0000")) {
                return "[" + ip + "]:" + port;
            }
            ip = ip.substring(24);
        }
        long value = Long.parseLong(ip, 16); // little-endian bytes
        return (value & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 24) & 0xFF)
                + ":" + port;
    }
}

package io.streamscore.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server that accepts only TLS (no plain port) on a free 127.0.0.1 port (also bound on 127.0.0.2,
 * which its certificate does not name), with the default user disabled and one ACL user. Its certificate is the
 * checked-in TEST-ONLY one under {@code tls-test-only/} (signed by {@link #caFile()}; see generate.sh there).
 * Without a redis-server on the PATH the test is skipped locally and fails under CI ({@code CI=true}).
 */
public final class TlsRedisServer implements AutoCloseable {
    private static final String CERTIFICATES = "/tls-test-only/";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final Path dir;
    private final int port;

    private TlsRedisServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts the server with ACL user {@code user} whose password is {@code password}. */
    public static TlsRedisServer start(String user, String password) throws IOException, InterruptedException {
        String executable = redisServer();
        Path dir = Files.createTempDirectory("streamscore-tls-redis");
        for (String file : List.of("test-only-ca.pem", "test-only-other-ca.pem", "test-only-server.pem",
                "test-only-server.key")) {
            try (InputStream in = Objects.requireNonNull(TlsRedisServer.class.getResourceAsStream(CERTIFICATES + file),
                    file)) {
                Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(executable, "--port", "0", "--tls-port", Integer.toString(port),
                "--bind", "127.0.0.1", "127.0.0.2",
                "--tls-cert-file", dir.resolve("test-only-server.pem").toString(),
                "--tls-key-file", dir.resolve("test-only-server.key").toString(),
                "--tls-ca-cert-file", dir.resolve("test-only-ca.pem").toString(), "--tls-auth-clients", "no",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--user", "default", "off", "--user", user, "on", ">" + password, "~*", "&*", "+@all"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        TlsRedisServer server = new TlsRedisServer(process, dir, port);
        server.awaitReady();
        return server;
    }

    /** {@code 127.0.0.1:<port>}, a name the server's certificate holds. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The same server by an address its certificate does not name. */
    public String addressNotInCertificate() {
        return "127.0.0.2:" + port;
    }

    /** The PEM of the CA that signed the server's certificate. */
    public Path caFile() {
        return dir.resolve("test-only-ca.pem");
    }

    /** The PEM of a CA that signed nothing this server shows. */
    public Path otherCaFile() {
        return dir.resolve("test-only-other-ca.pem");
    }

    private void awaitReady() throws IOException, InterruptedException {
        Path log = dir.resolve("redis.log");
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            String written = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (written.contains("Ready to accept connections")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ":\n" + written);
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("redis-server was not ready within " + STARTUP);
    }

    private static String redisServer() {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(folder, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        TestServers.unavailable("redis-server is not on the PATH (apt-get install redis-server)");
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

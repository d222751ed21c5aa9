package io.streamscore.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server that accepts only TLS (no plain port) on a free 127.0.0.1 port (also bound on 127.0.0.2,
 * which its certificate does not name), with the default user disabled and one ACL user. Its certificate is the
 * checked-in TEST-ONLY one ({@link TestCertificates}, signed by {@link #caFile()}).
 * Without a redis-server on the PATH the test is skipped locally and fails under CI ({@code CI=true}).
 */
public final class TlsRedisServer implements AutoCloseable {
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
        return start(user, password, false);
    }

    /**
     * Starts the server with ACL user {@code user} whose password is {@code password}; {@code clientCertificates}:
     * it requires a client certificate signed by {@link #caFile()} ({@code tls-auth-clients yes}, Redis's default).
     */
    public static TlsRedisServer start(String user, String password, boolean clientCertificates)
            throws IOException, InterruptedException {
        String executable = redisServer();
        Path dir = Files.createTempDirectory("streamscore-tls-redis");
        TestCertificates.copyTo(dir);
        int port = TestCertificates.freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(executable, "--port", "0", "--tls-port", Integer.toString(port),
                "--bind", "127.0.0.1", "127.0.0.2",
                "--tls-cert-file", dir.resolve(TestCertificates.SERVER_CERTIFICATE).toString(),
                "--tls-key-file", dir.resolve(TestCertificates.SERVER_KEY).toString(),
                "--tls-ca-cert-file", dir.resolve(TestCertificates.CA).toString(),
                "--tls-auth-clients", clientCertificates ? "yes" : "no",
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
        return dir.resolve(TestCertificates.CA);
    }

    /** A client certificate and its key (files, as {@code tls_cert_file} and {@code tls_key_file} name them). */
    public Path clientCertificate(boolean trusted) {
        return dir.resolve(trusted ? TestCertificates.CLIENT_CERTIFICATE : TestCertificates.OTHER_CLIENT_CERTIFICATE);
    }

    public Path clientKey(boolean trusted) {
        return dir.resolve(trusted ? TestCertificates.CLIENT_KEY : TestCertificates.OTHER_CLIENT_KEY);
    }

    /** The PEM of a CA that signed nothing this server shows. */
    public Path otherCaFile() {
        return dir.resolve(TestCertificates.OTHER_CA);
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

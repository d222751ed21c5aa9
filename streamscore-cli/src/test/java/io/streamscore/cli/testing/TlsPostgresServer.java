package io.streamscore.cli.testing;

import io.streamscore.cli.local.DirectoryCleaner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 that accepts only TLS: {@code ssl = on} with the checked-in TEST-ONLY certificate
 * ({@link TestCertificates}, signed by {@link #caFile()}), and a pg_hba.conf of {@code hostssl} lines only, so a
 * plain connection is refused. It listens on a free port at 127.0.0.1 (and 127.0.0.2, which the certificate does not
 * name), runs as the non-root user {@code postgres} through {@code runuser}, as {@code .ci/services.sh} does, from a
 * temporary directory the test owns (the server's key in it: mode 0600, owned by {@code postgres}), and has one
 * password user owning one database. Without the PostgreSQL 15 binaries, or without root to run them as
 * {@code postgres}, the test is skipped locally and fails under CI ({@code CI=true}).
 */
public final class TlsPostgresServer implements AutoCloseable {
    public static final String DATABASE = "streamscore";

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String OS_USER = "postgres";
    private static final String SUPERUSER_PASSWORD = "test-only-superuser";
    private static final long COMMAND_SECONDS = 120;

    private final Path dir;
    private final int port;
    private final String user;
    private final String password;

    private TlsPostgresServer(Path dir, int port, String user, String password) {
        this.dir = dir;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** Starts the server with the login {@code user} / {@code password}, owner of database {@value #DATABASE}. */
    public static TlsPostgresServer start(String user, String password) throws Exception {
        requireBinaries();
        Path dir = Files.createTempDirectory("streamscore-tls-pg");
        TlsPostgresServer server = new TlsPostgresServer(dir, TestCertificates.freeLoopbackPort(), user, password);
        try {
            server.initialize();
            server.run(BIN.resolve("pg_ctl").toString(), "-D", server.data().toString(), "-l",
                    dir.resolve("postgres.log").toString(), "-w", "-t", "60", "start");
            server.createLogin();
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /** A JDBC URL of this server's database at 127.0.0.1 (a name its certificate holds) with {@code parameters}. */
    public String url(String parameters) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?" + parameters;
    }

    /** The same server by an address its certificate does not name. */
    public String urlNotInCertificate(String parameters) {
        return "jdbc:postgresql://127.0.0.2:" + port + "/" + DATABASE + "?" + parameters;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The PEM of the CA that signed the server's certificate. */
    public Path caFile() {
        return dir.resolve(TestCertificates.CA);
    }

    /** The PEM of a CA that signed nothing this server shows. */
    public Path otherCaFile() {
        return dir.resolve(TestCertificates.OTHER_CA);
    }

    /** A connection as the login user, verifying the server by {@link #caFile()}. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url("sslmode=verify-full&sslrootcert=" + caFile()), user, password);
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** Certificates and key owned by postgres (key 0600), initdb, then TLS settings and a hostssl-only pg_hba. */
    private void initialize() throws Exception {
        TestCertificates.copyTo(dir);
        Path passwordFile = Files.writeString(dir.resolve("superuser-password"), SUPERUSER_PASSWORD + "\n");
        Files.setPosixFilePermissions(dir.resolve(TestCertificates.SERVER_KEY),
                PosixFilePermissions.fromString("rw-------"));
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.setOwner(file, postgres);
            }
        }
        Files.setOwner(dir, postgres);
        run(BIN.resolve("initdb").toString(), "-D", data().toString(), "-U", "postgres", "--auth=scram-sha-256",
                "--pwfile=" + passwordFile, "--no-sync", "--encoding=UTF8", "--locale=C");
        Files.writeString(data().resolve("postgresql.conf"), String.join("\n",
                "listen_addresses = '127.0.0.1,127.0.0.2'",
                "port = " + port,
                "unix_socket_directories = '" + dir + "'",
                "fsync = off",
                "ssl = on",
                "ssl_cert_file = '" + dir.resolve(TestCertificates.SERVER_CERTIFICATE) + "'",
                "ssl_key_file = '" + dir.resolve(TestCertificates.SERVER_KEY) + "'",
                ""), StandardOpenOption.APPEND);
        // Only hostssl: no `host` or `local` line, so a connection without TLS finds no entry and is refused.
        Files.writeString(data().resolve("pg_hba.conf"), String.join("\n",
                "hostssl all all 127.0.0.1/32 scram-sha-256",
                "hostssl all all 127.0.0.2/32 scram-sha-256",
                ""));
    }

    private void createLogin() throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/postgres?sslmode=require", "postgres", SUPERUSER_PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + user);
        }
    }

    /** Runs a PostgreSQL program as user postgres; fails with its output when it does not exit 0. */
    private void run(String... program) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--"));
        command.addAll(List.of(program));
        Path output = Files.createTempFile("streamscore-tls-pg-command", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_SECONDS
                        + " s:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ":\n" + Files.readString(output, StandardCharsets.UTF_8) + serverLog());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String serverLog() throws IOException {
        Path log = dir.resolve("postgres.log");
        return Files.exists(log) ? "\nserver log:\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static void requireBinaries() {
        if (!Files.isExecutable(BIN.resolve("postgres"))) {
            TestServers.unavailable("PostgreSQL 15 is not installed at " + BIN + " (apt-get install postgresql-15)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            TestServers.unavailable("the TLS PostgreSQL test runs the server as user postgres through runuser, "
                    + "which needs root; this JVM runs as " + System.getProperty("user.name"));
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                run(BIN.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("could not stop the test PostgreSQL in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            DirectoryCleaner.deleteQuietly(dir);
        }
    }
}

package io.streamscore.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * The checked-in TEST-ONLY certificates under {@code tls-test-only/} (see generate.sh and the README there): a CA,
 * a server certificate it signed for {@code localhost} / {@code 127.0.0.1} with its key, a client certificate it
 * signed with its key (mutual TLS), an unrelated CA and a client certificate that one signed. The TLS test servers
 * (Redis, PostgreSQL) copy them into a directory they own.
 */
public final class TestCertificates {
    public static final String CA = "test-only-ca.pem";
    public static final String OTHER_CA = "test-only-other-ca.pem";
    public static final String SERVER_CERTIFICATE = "test-only-server.pem";
    public static final String SERVER_KEY = "test-only-server.key";
    public static final String CLIENT_CERTIFICATE = "test-only-client.pem";
    public static final String CLIENT_KEY = "test-only-client.key";
    public static final String OTHER_CLIENT_CERTIFICATE = "test-only-other-client.pem";
    public static final String OTHER_CLIENT_KEY = "test-only-other-client.key";

    private static final String RESOURCES = "/tls-test-only/";

    private TestCertificates() {}

    /** Copies the files into {@code dir}, under the names above. */
    public static void copyTo(Path dir) throws IOException {
        for (String file : List.of(CA, OTHER_CA, SERVER_CERTIFICATE, SERVER_KEY, CLIENT_CERTIFICATE, CLIENT_KEY,
                OTHER_CLIENT_CERTIFICATE, OTHER_CLIENT_KEY)) {
            try (InputStream in = Objects.requireNonNull(
                    TestCertificates.class.getResourceAsStream(RESOURCES + file), file)) {
                Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A port nothing listens on at 127.0.0.1 right now, for a test server to bind. */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

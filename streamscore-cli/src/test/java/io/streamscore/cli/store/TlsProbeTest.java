package io.streamscore.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.cli.testing.TestCertificates;
import io.streamscore.serving.ServerTls;
import io.streamscore.serving.client.PemTrust;
import io.streamscore.serving.client.TlsIdentity;
import io.streamscore.serving.client.TlsProbe;
import io.streamscore.serving.client.TlsRefusal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe that tells a refused client certificate from other failures, against a real TLS server (the JDK's, with
 * the test certificates) that completes the handshake and then does what a server does: waits for the request,
 * greets, closes, or resets. CI once saw a Redis server's reset overtake its alert; a reset right after the handshake,
 * before the client said anything, is a refusal like a close.
 */
class TlsProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private ServerSocket server;
    private SSLSocketFactory serverTls;
    private Thread serving;
    private final CountDownLatch done = new CountDownLatch(1);

    @BeforeEach
    void listen() throws Exception {
        TestCertificates.copyTo(dir);
        serverTls = new ServerTls(dir.resolve(TestCertificates.SERVER_CERTIFICATE),
                dir.resolve(TestCertificates.SERVER_KEY)).sslContext().getSocketFactory();
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        done.countDown();
        server.close();
        if (serving != null) {
            serving.join(5_000);
        }
    }

    @Test
    void aResetRightAfterTheHandshakeIsARefusal() throws Exception {
        serve((tls, tcp) -> {
            tcp.setSoLinger(true, 0);
            tcp.close(); // no close_notify: the TCP connection is reset under the TLS session
        });

        assertThat(probe(true)).isEqualTo(TlsRefusal.CERTIFICATE_REFUSED);
        assertThat(probe(false)).isEqualTo(TlsRefusal.CERTIFICATE_REQUIRED);
    }

    @Test
    void aCloseRightAfterTheHandshakeIsARefusal() throws Exception {
        serve((tls, tcp) -> tls.close());

        assertThat(probe(true)).isEqualTo(TlsRefusal.CERTIFICATE_REFUSED);
    }

    @Test
    void aServerThatWaitsForTheRequestOrGreetsAccepted() throws Exception {
        serve((tls, tcp) -> done.await(10, TimeUnit.SECONDS));
        assertThat(probe(true)).as("waits").isEqualTo(TlsRefusal.NONE);
    }

    @Test
    void aServerThatGreetsAccepted() throws Exception {
        serve((tls, tcp) -> {
            tls.getOutputStream().write("+OK\r\n".getBytes());
            tls.getOutputStream().flush();
            done.await(10, TimeUnit.SECONDS);
        });
        assertThat(probe(true)).isEqualTo(TlsRefusal.NONE);
    }

    @Test
    void nothingListeningIsNotARefusal() throws Exception {
        int port = server.getLocalPort();
        server.close();

        assertThat(TlsProbe.refusal(clientSockets(true), "127.0.0.1", port, null, true, TIMEOUT))
                .isEqualTo(TlsRefusal.NONE);
    }

    private TlsRefusal probe(boolean presentOne) throws Exception {
        return TlsProbe.refusal(clientSockets(presentOne), "127.0.0.1", server.getLocalPort(), null, presentOne,
                TIMEOUT);
    }

    private SSLSocketFactory clientSockets(boolean presentOne) throws Exception {
        TlsIdentity identity = presentOne ? TlsIdentity.read(dir.resolve(TestCertificates.CLIENT_CERTIFICATE),
                dir.resolve(TestCertificates.CLIENT_KEY)) : null;
        return PemTrust.sslContext(Files.readString(dir.resolve(TestCertificates.CA)), identity).getSocketFactory();
    }

    /** Serves every connection: the handshake over the accepted TCP socket, then {@code after}. */
    private void serve(AfterHandshake after) {
        serving = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket tcp = server.accept();
                     SSLSocket tls = (SSLSocket) serverTls.createSocket(tcp, null, tcp.getPort(), false)) {
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    after.run(tls, tcp);
                } catch (IOException | InterruptedException e) {
                    // the server closed at the end of the test, or a client went away
                }
            }
        }, "tls-probe-test-server");
        serving.start();
    }

    private interface AfterHandshake {
        void run(SSLSocket tls, Socket tcp) throws IOException, InterruptedException;
    }
}

package io.streamscore.serving.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Asks a TLS server whether it refuses this client's certificate, after a connection failed in a way that does not
 * say: with TLS 1.3 the server judges the client's certificate after the client considers the handshake done, so a
 * client that writes first (a Redis AUTH, an HTTP request) sees only a broken pipe or an empty response, and the
 * server's alert ({@code certificate_required}, {@code unknown_ca}) is never read. The probe completes a handshake
 * with the same TLS settings and reads: the alert arrives, or the server closes or resets the connection at once
 * without one (refused too: a server that took the certificate would wait for the client to speak), or nothing
 * arrives within the timeout (not refused).
 */
public final class TlsProbe {
    private TlsProbe() {}

    /**
     * @param sockets      the failed client's TLS settings (trust and client certificate)
     * @param protocol     the ALPN protocol the server expects ({@code h2} for gRPC), or null for none
     * @param presentedOne whether those settings present a client certificate
     */
    public static TlsRefusal refusal(SSLSocketFactory sockets, String host, int port, String protocol,
                                     boolean presentedOne, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (SSLSocket socket = (SSLSocket) sockets.createSocket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            if (protocol != null) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setApplicationProtocols(new String[] {protocol});
                socket.setSSLParameters(parameters);
            }
            socket.startHandshake();
            return afterHandshake(socket, presentedOne);
        } catch (SSLException e) {
            return TlsRefusal.of(e, presentedOne);
        } catch (IOException | RuntimeException e) {
            return TlsRefusal.NONE; // refused the connection or the handshake without a word
        }
    }

    /**
     * Reads once after the handshake, before the client says anything: a server that accepted the client waits for
     * its request (the read times out) or greets it; one that refused it sends its alert, or drops the connection at
     * once without one: closed (the JDK's HTTPS server) or reset (the reset can overtake the alert).
     */
    private static TlsRefusal afterHandshake(SSLSocket socket, boolean presentedOne) throws IOException {
        TlsRefusal dropped = TlsRefusal.refused(presentedOne);
        try {
            return socket.getInputStream().read() >= 0 ? TlsRefusal.NONE : dropped;
        } catch (SocketTimeoutException e) {
            return TlsRefusal.NONE;
        } catch (SSLException e) {
            TlsRefusal alert = TlsRefusal.of(e, presentedOne);
            return alert == TlsRefusal.NONE ? dropped : alert;
        } catch (SocketException e) {
            return dropped;
        }
    }
}

package io.streamscore.serving;

/**
 * Turns Nagle's algorithm off for every JDK {@code com.sun.net.httpserver} server of this JVM (the inference server,
 * the feature server, the dashboard). The JDK server writes a response's headers and body in separate segments; with
 * Nagle on, the body waits for the client's delayed ACK: ~40 ms per response instead of well under 1 ms.
 *
 * <p>The switch is the JVM-wide system property {@value #PROPERTY}, read once, when the first server of the JVM
 * initializes the JDK's server configuration: call {@link #enable()} before any server starts (the CLI does at
 * startup; each server's {@code start} does too, for embedded use). An explicit {@code -D} setting wins.
 */
public final class TcpNoDelay {
    public static final String PROPERTY = "sun.net.httpserver.nodelay";

    private TcpNoDelay() {
    }

    /** Sets {@value #PROPERTY} to {@code true} unless it is set already. */
    public static void enable() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}

package io.streamscore.serving;

/**
 * Settings for every JDK {@code com.sun.net.httpserver} server of this JVM (the inference server, the feature server,
 * the dashboard, the metrics endpoint), which the JDK reads from system properties once, when the first server of
 * the JVM initializes its configuration: call {@link #apply()} before any server starts (the CLI does at startup;
 * each server's {@code start} does too, for embedded use). An explicit {@code -D} setting wins.
 * <ul>
 *   <li>{@value #NO_DELAY}: Nagle's algorithm off. The JDK server writes a response's headers and body in separate
 *       segments; with Nagle on, the body waits for the client's delayed ACK: ~40 ms per response instead of well
 *       under 1 ms.</li>
 *   <li>{@value #MAX_REQUEST_TIME} and {@value #MAX_RESPONSE_TIME}: a connection that takes longer than
 *       {@value #REQUEST_SECONDS} s to send its request (headers and body, until the answer starts) or
 *       {@value #RESPONSE_SECONDS} s to take the answer is closed. By default the JDK waits forever, and each
 *       unfinished request holds one of the server's few handler threads: 32 idle connections that never finished
 *       their headers hung {@code serve}, 9 the feature API.</li>
 * </ul>
 */
public final class JdkHttpServerDefaults {
    public static final String NO_DELAY = "sun.net.httpserver.nodelay";
    public static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    public static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";
    static final int REQUEST_SECONDS = 30;
    static final int RESPONSE_SECONDS = 60;

    private JdkHttpServerDefaults() {
    }

    /** Sets each property unless it is set already. */
    public static void apply() {
        setUnlessSet(NO_DELAY, "true");
        setUnlessSet(MAX_REQUEST_TIME, Integer.toString(REQUEST_SECONDS));
        setUnlessSet(MAX_RESPONSE_TIME, Integer.toString(RESPONSE_SECONDS));
    }

    private static void setUnlessSet(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}

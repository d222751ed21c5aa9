package io.streamscore.cli;

import io.streamscore.cli.local.LocalRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Checks, before a local command starts anything, that a port it was told to listen on is free on 127.0.0.1: the
 * usual case is a second {@code demo} or {@code run} on the same machine with the default ports, which should fail at
 * once naming the option rather than after Kafka, a model's training and a job have started. A port that is free now
 * can still be taken before its server binds it; the server then fails its start the same way.
 */
final class LocalPortCheck {
    private LocalPortCheck() {}

    /** Throws, naming {@code option}, when {@code port} is in use; 0 (any free port) and null (none) pass. */
    static void requireFree(String option, Integer port) {
        if (port == null || port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(LocalRuntime.LOCAL_HOST))) {
            // free: closed again at once for the server that binds it next
        } catch (IOException e) {
            // "Address already in use", or "Permission denied" for a port below 1024 without the right to bind it
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException(option + " " + port + ": cannot listen on " + LocalRuntime.LOCAL_HOST
                    + ":" + port + ": " + reason + (reason.contains("in use") ? " (another streamscore demo or run?)"
                    : "") + "; choose a free port, or 0 for any free one", e);
        }
    }
}

package io.streamscore.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port free on 127.0.0.1 now, for a server the local runtime starts next. Finding one cannot hold it: something
 * may take it before the server binds it (Flink's REST API is therefore given three to try).
 */
final class LoopbackPort {
    private LoopbackPort() {}

    static int free(String forWhat) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LocalRuntime.LOCAL_HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port for " + forWhat, e);
        }
    }
}

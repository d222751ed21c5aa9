package io.streamscore.cli.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (7.0, bundled by {@code org.signal:embedded-redis}) for runs whose spec says
 * {@code stores.redis.address: embedded}: bound to 127.0.0.1 on a free port, without persistence, stopped on close
 * and, should the JVM exit without closing it, by a shutdown hook (the server is a child process that would
 * otherwise outlive us).
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final RedisServer server;
    private final int port;
    private final Thread shutdownHook;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-redis-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static EmbeddedRedis start() {
        int port = LoopbackPort.free("the embedded Redis");
        RedisServer server = RedisServer.builder()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("protected-mode yes")
                .build();
        long started = System.nanoTime();
        server.start();
        LOG.info("embedded Redis ready at 127.0.0.1:{} in {} ms", port, (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedRedis(server, port);
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    private void stopQuietly() {
        try {
            if (server.isActive()) {
                server.stop();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not stop the embedded Redis: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing left to do
        }
    }
}

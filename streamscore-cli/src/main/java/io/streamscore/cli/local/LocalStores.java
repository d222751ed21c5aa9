package io.streamscore.cli.local;

import io.streamscore.cli.serving.FeatureLookup;
import io.streamscore.cli.serving.FeatureServer;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.StoresSpec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The stores of a local run: the embedded Redis when the spec asks for one (its address is put into the spec the
 * job runs with) and the feature-serving API when configured. Closing stops both.
 */
final class LocalStores implements AutoCloseable {
    private final PipelineSpec spec;
    private final EmbeddedRedis redis;
    private final FeatureServer server;

    private LocalStores(PipelineSpec spec, EmbeddedRedis redis, FeatureServer server) {
        this.spec = spec;
        this.redis = redis;
        this.server = server;
    }

    static LocalStores start(PipelineSpec spec) {
        StoresSpec stores = spec.stores();
        EmbeddedRedis redis = null;
        PipelineSpec resolved = spec;
        if (stores.redis() != null && stores.redis().embedded()) {
            redis = EmbeddedRedis.start();
            resolved = spec.withStores(stores.withRedis(stores.redis().withAddress(redis.address())));
        }
        try {
            FeatureServer server = resolved.stores().serving() == null ? null : FeatureServer.start(
                    resolved.stores().serving(),
                    FeatureLookup.connect(resolved.stores().redis(), FeatureServer.THREADS));
            return new LocalStores(resolved, redis, server);
        } catch (IOException | RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            throw e instanceof IOException io ? new UncheckedIOException("could not start the feature-serving API", io)
                    : (RuntimeException) e;
        }
    }

    /** The spec with the embedded Redis's address filled in. */
    PipelineSpec spec() {
        return spec;
    }

    /** The serving API's base URL, or null when none is configured. */
    String servingUrl() {
        return server == null ? null : server.url();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}

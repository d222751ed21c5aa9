package io.streamscore.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code stores}: the Redis feature store ({@code redis}), the PostgreSQL results database
 * ({@code postgres}) and the feature-serving API ({@code serving}), each optional. Passwords and tokens are
 * references to environment variables (see {@link SpecSecrets}).
 */
final class StoresSectionReader implements SectionReader<StoresSpec> {
    static final List<String> KEYS = List.of("redis", "postgres", "serving");

    private final RedisStoreReader redisReader;
    private final SpecSecrets secrets;

    /**
     * @param pipelineName the pipeline's name (for the default key prefix); may be a placeholder when invalid
     * @param sources the valid sources, or null when that section had problems
     * @param features the valid features, or null when that section had problems
     * @param joins the valid joins ({@link JoinsSpec#NONE} when absent), or null when that section had problems
     * @param baseDir the spec's folder, against which a relative {@code tls_ca_file} resolves
     */
    StoresSectionReader(String pipelineName, List<SourceSpec> sources, FeaturesSpec features, JoinsSpec joins,
                        SpecSecrets secrets, Path baseDir) {
        this.redisReader = new RedisStoreReader(pipelineName, sources, features, joins, secrets, baseDir);
        this.secrets = secrets;
    }

    @Override
    public String section() {
        return "stores";
    }

    @Override
    public StoresSpec read(SpecNode stores) {
        int mark = stores.problems().mark();
        if (!stores.hasContent()) {
            return StoresSpec.NONE;
        }
        if (stores.expectMap("stores (redis, postgres, serving)")) {
            stores.rejectUnknownKeys(KEYS);
        }
        RedisStoreSpec redis = redisReader.read(stores.get("redis"));
        PostgresStoreSpec postgres = new PostgresStoreReader(secrets).read(stores.get("postgres"));
        ServingSpec serving = readServing(stores.get("serving"));
        if (serving != null && !stores.get("redis").isPresent()) {
            stores.get("serving").error("the serving API reads the Redis feature store, and there is none",
                    "add `stores.redis` (e.g. `redis: {address: embedded}`) or remove `stores.serving`");
        }
        // A store that could not be built because another section (sources, features) has problems is no store.
        boolean incomplete = stores.get("redis").isPresent() && redis == null;
        return stores.problems().noneSince(mark) && !incomplete ? new StoresSpec(redis, postgres, serving) : null;
    }

    private ServingSpec readServing(SpecNode serving) {
        if (!serving.isPresent()) {
            return null;
        }
        if (serving.expectMap("serving settings (host, port, token)")) {
            serving.rejectUnknownKeys(List.of("host", "port", "token"));
        }
        String host = serving.get("host").text(ServingSpec.DEFAULT_HOST).trim();
        int port = serving.get("port").integer(ServingSpec.DEFAULT_PORT, 0, 65535);
        SecretValue token = secrets.secret(serving.get("token"), "SERVING_TOKEN");
        if (!HostRule.isValid(host)) {
            serving.get("host").error("'" + host + "' is not an IP address or a host name", "write the address to "
                    + "bind: `127.0.0.1` (the default: this machine only), `0.0.0.0` (every interface; needs a "
                    + "`token`), an IPv6 address such as `::1`, or a host name such as `features.internal`");
        } else if (!isLoopback(host) && !serving.get("token").isPresent()) {
            serving.get("host").error("binding to '" + host + "' without a token serves every feature vector to "
                    + "the network", "add `token: ${SERVING_TOKEN}` (clients send `Authorization: Bearer <token>`), "
                    + "or keep the default host 127.0.0.1");
        }
        return new ServingSpec(host, port, token);
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
    }
}

package io.streamscore.spec;

import io.streamscore.serving.client.TlsIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code stores.redis}: where Redis is, which source's events and features are stored per which entity,
 * and how keys, expiry and batches are made. {@code features: all} (the default) stores every feature column of
 * the source and, when {@code joins} enriches that source, every joined column after them (the order of
 * {@code Event.features}), resolved here so the sink works from an explicit list. Production servers need an ACL
 * {@code user} and {@code tls} (optionally trusting a private CA, {@code tls_ca_file}, and presenting a client
 * certificate, {@code tls_cert_file} and {@code tls_key_file}, all read and checked here).
 */
final class RedisStoreReader {
    static final List<String> KEYS = List.of("address", "user", "password", "tls", "tls_ca_file", "tls_cert_file",
            "tls_key_file", "key_prefix", "ttl", "source", "entity", "features", "batch_size");
    static final String ALL_FEATURES = "all";

    private final String pipelineName;
    private final List<SourceSpec> sources;
    private final FeaturesSpec features;
    private final JoinsSpec joins;
    private final SpecSecrets secrets;
    private final Path baseDir;

    /** @param joins null when the joins section had problems (its columns are then unknown) */
    RedisStoreReader(String pipelineName, List<SourceSpec> sources, FeaturesSpec features, JoinsSpec joins,
                     SpecSecrets secrets, Path baseDir) {
        this.pipelineName = pipelineName;
        this.sources = sources;
        this.features = features;
        this.joins = joins;
        this.secrets = secrets;
        this.baseDir = baseDir;
    }

    /** The store, or null when absent or on problems. */
    RedisStoreSpec read(SpecNode redis) {
        if (!redis.isPresent()) {
            return null;
        }
        int mark = redis.problems().mark();
        if (redis.expectMap("Redis settings (" + String.join(", ", KEYS) + ")")) {
            redis.rejectUnknownKeys(KEYS);
        }
        String address = readAddress(redis.get("address"));
        SecretValue password = secrets.secret(redis.get("password"), "REDIS_PASSWORD");
        String user = readUser(redis.get("user"), redis.get("password").isPresent());
        boolean tls = redis.get("tls").bool(false);
        TlsCaFile tlsCa = readTlsCa(redis.get("tls_ca_file"), tls);
        TlsIdentity tlsIdentity = TlsClientFiles.fromSpec(redis, secrets, baseDir,
                tls ? null : "a client certificate only matters with TLS, and `tls` is off",
                "add `tls: true`, or remove `tls_cert_file` and `tls_key_file`");
        if (tls && RedisStoreSpec.EMBEDDED.equals(address)) {
            redis.get("tls").error("the embedded redis-server speaks plain TCP on 127.0.0.1",
                    "remove `tls` for local runs, or give your TLS server's `address: host:port`");
        }
        String keyPrefix = readKeyPrefix(redis.get("key_prefix"));
        Duration ttl = redis.get("ttl").duration(RedisStoreSpec.DEFAULT_TTL, Duration.ZERO, Duration.ofDays(365), "");
        SourceSpec source = SourceReferenceRule.read(redis.get("source"), sources, "feature store");
        String entity = readEntity(redis.get("entity"), source);
        List<String> columns = readFeatures(redis.get("features"), source);
        int batchSize = redis.get("batch_size").integer(RedisStoreSpec.DEFAULT_BATCH_SIZE, 1, 100_000);
        if (!redis.problems().noneSince(mark) || source == null || columns == null) {
            return null;
        }
        return new RedisStoreSpec(address, user, password, tls, tlsCa, tlsIdentity, keyPrefix, ttl, source.name(),
                entity, columns, batchSize);
    }

    /**
     * The text before each entity in a key. Redis takes any bytes, but whitespace or a control character here is
     * nearly always a YAML slip (a block scalar's newline, a trailing space) that would store keys nobody finds.
     */
    private String readKeyPrefix(SpecNode node) {
        String prefix = node.text(pipelineName + ":");
        if (prefix != null && prefix.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            node.error("key prefix '" + prefix.replaceAll("\\p{Cntrl}", "?") + "' contains whitespace or a control "
                    + "character", "write printable characters only, e.g. `key_prefix: " + pipelineName + ":`");
            return null;
        }
        return prefix;
    }

    /** The ACL user name (plain or {@code ${ENV}}); Redis logs a user in only with a password. */
    private String readUser(SpecNode node, boolean hasPassword) {
        if (!node.isPresent()) {
            return null;
        }
        String written = node.text();
        String user = written == null ? null : secrets.interpolate(node, written.trim());
        if (user != null && user.isEmpty()) {
            node.error("`user` is empty", "write the ACL user name, e.g. `user: streamscore`, or remove `user` to "
                    + "log in as the default user");
            return null;
        }
        if (user != null && !hasPassword) {
            node.error("an ACL user logs in with a password, and there is none",
                    "add `password: ${REDIS_PASSWORD}` next to `user`");
        }
        return user;
    }

    /** The private CA's certificates, read now so a bad file stops the spec, not the first connection. */
    private TlsCaFile readTlsCa(SpecNode node, boolean tls) {
        return TlsCaFile.fromSpec(node, secrets, baseDir,
                tls ? null : "a CA file only matters with TLS, and `tls` is off",
                "add `tls: true`, or remove `tls_ca_file`");
    }

    private String readAddress(SpecNode node) {
        String written = node.text(RedisStoreSpec.EMBEDDED);
        if (written == null) {
            return null;
        }
        String address = secrets.interpolate(node, written.trim());
        if (address == null || address.equalsIgnoreCase(RedisStoreSpec.EMBEDDED)) {
            return address == null ? null : RedisStoreSpec.EMBEDDED;
        }
        return KafkaSectionReader.checkServer(node, written, address, "write `embedded` (a redis-server started "
                + "on 127.0.0.1 for the run) or host:port, e.g. `127.0.0.1:6379`") ? address : null;
    }

    private static String readEntity(SpecNode node, SourceSpec source) {
        if (source == null) {
            return null;
        }
        String entity = node.text(source.keyField());
        SchemaFieldRule.KEY.check(node, entity, source.schema());
        return entity;
    }

    /**
     * The columns to store: the source's feature columns then its joined ones, or the ones listed; null when unknown
     * (reported).
     */
    private List<String> readFeatures(SpecNode node, SourceSpec source) {
        if (source == null || features == null) {
            return null;
        }
        List<String> available = new ArrayList<>(FeatureColumnIndex.of(features).visibleTo(source.name()));
        boolean joined = joins != null && source.name().equals(joins.source());
        if (joined) {
            available.addAll(joins.columns());
        }
        if (!node.isPresent() || ALL_FEATURES.equalsIgnoreCase(String.valueOf(node.peekText()).trim())) {
            if (available.isEmpty()) {
                node.error("source `" + source.name() + "` has no features to store",
                        "declare features for it in `features`, join columns to it in `joins`, or store another"
                                + " source's (`source:`)");
                return null;
            }
            return available;
        }
        if (!node.expectList("feature names", "`features: [user_spend_5m, user_tx_1h]`, or `features: all`")) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        for (SpecNode element : node.elements()) {
            String column = element.text();
            if (column == null) {
                continue;
            }
            if (!available.contains(column)) {
                if (joins == null) {
                    continue; // may be a column of the joins section, whose problems are reported already
                }
                element.error("'" + column + "' is not a feature" + (joined ? " or joined" : "") + " column of source `"
                        + source.name() + "`", unknownColumnFix(column, available, source.name()));
            } else if (columns.contains(column)) {
                element.error("feature '" + column + "' is listed twice", "list each feature once");
            } else {
                columns.add(column);
            }
        }
        if (columns.isEmpty() && node.elements().isEmpty()) {
            node.error("`features` is an empty list", "list feature names, or write `features: all`");
        }
        return columns;
    }

    /** Where the column is, when another source has it; else the columns there are, or how to get some. */
    private String unknownColumnFix(String column, List<String> available, String source) {
        FeatureColumnIndex.Declared declared = FeatureColumnIndex.of(features).find(column);
        String owner = declared != null ? declared.source()
                : joins != null && joins.columns().contains(column) ? joins.source() : null;
        String others = available.isEmpty() ? "" : "; or use one of: " + String.join(", ", available);
        if (owner != null) {
            return "it is a column of source `" + owner + "`: store that source, `source: " + owner + "`" + others;
        }
        if (available.isEmpty()) {
            return "source `" + source + "` has no feature columns: declare features for it in `features`, join "
                    + "columns to it in `joins`, or store another source's (`source:`)";
        }
        return ClosestName.didYouMean(column, available) + "use one of: " + String.join(", ", available);
    }
}

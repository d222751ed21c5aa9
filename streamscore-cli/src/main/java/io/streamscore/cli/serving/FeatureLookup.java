package io.streamscore.cli.serving;

import io.streamscore.flink.store.FeatureStoreLayout;
import io.streamscore.flink.store.RedisConnector;
import io.streamscore.spec.RedisStoreSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Reads feature vectors from the Redis feature store, laid out as {@link FeatureStoreLayout} says: one
 * {@code HGETALL} per entity, pipelined for a batch. Thread-safe (a pooled client). A failure to reach the store
 * says which {@code stores.redis} field to fix ({@link RedisConnector#explain}).
 */
public final class FeatureLookup implements AutoCloseable {
    /** One entity's vector: found or not; values in the store's feature order, null where undefined. */
    public record Row(String entity, boolean found, long validAt, String eventId, Map<String, Double> features) {}

    private final RedisClient redis;
    private final RedisStoreSpec spec;
    private final FeatureStoreLayout layout;

    FeatureLookup(RedisClient redis, RedisStoreSpec spec) {
        this.redis = redis;
        this.spec = spec;
        this.layout = FeatureStoreLayout.of(spec);
    }

    /** A lookup over a pool of up to {@code maxConnections}; connects at the first read. */
    public static FeatureLookup connect(RedisStoreSpec spec, int maxConnections) {
        return new FeatureLookup(RedisConnector.pooled(spec, maxConnections), spec);
    }

    private <T> T explained(Supplier<T> read) {
        try {
            return read.get();
        } catch (JedisException e) {
            throw RedisConnector.explain(spec, e);
        }
    }

    /** How many entities the store holds and one of them (null when empty). */
    public record Census(long entities, String example) {}

    /** Counts the keys with the store's prefix with SCAN (never KEYS: it does not block the server). */
    public Census census() {
        ScanParams params = new ScanParams().match(globLiteral(layout.keyPrefix()) + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        long entities = 0;
        String example = null;
        do {
            String from = cursor;
            ScanResult<String> page = explained(() -> redis.scan(from, params));
            entities += page.getResult().size();
            if (example == null && !page.getResult().isEmpty()) {
                example = page.getResult().get(0).substring(layout.keyPrefix().length());
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return new Census(entities, example);
    }

    /** {@code text} as a Redis glob pattern that matches only itself: a prefix such as {@code fs[1]:} is no class. */
    static String globLiteral(String text) {
        return text.replaceAll("([\\\\*?\\[\\]])", "\\\\$1");
    }

    public Row get(String entity) {
        return row(entity, explained(() -> redis.hgetAll(layout.key(entity))));
    }

    /** The rows of {@code entities}, in order, read in one pipelined round trip. */
    public List<Row> getAll(List<String> entities) {
        List<Response<Map<String, String>>> responses = explained(() -> pipelinedReads(entities));
        List<Row> rows = new ArrayList<>(entities.size());
        for (int i = 0; i < entities.size(); i++) {
            rows.add(row(entities.get(i), responses.get(i).get()));
        }
        return rows;
    }

    private List<Response<Map<String, String>>> pipelinedReads(List<String> entities) {
        List<Response<Map<String, String>>> responses = new ArrayList<>(entities.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String entity : entities) {
                responses.add(pipeline.hgetAll(layout.key(entity)));
            }
            pipeline.sync();
        }
        return responses;
    }

    private Row row(String entity, Map<String, String> hash) {
        String validAt = hash.get(FeatureStoreLayout.VALID_AT);
        if (validAt == null) {
            return new Row(entity, false, 0, null, Map.of());
        }
        Map<String, Double> features = new LinkedHashMap<>();
        for (String name : layout.features()) {
            String value = hash.get(name);
            features.put(name, value == null ? null : Double.valueOf(value));
        }
        return new Row(entity, true, Long.parseLong(validAt), hash.get(FeatureStoreLayout.EVENT_ID), features);
    }

    @Override
    public void close() {
        redis.close();
    }
}

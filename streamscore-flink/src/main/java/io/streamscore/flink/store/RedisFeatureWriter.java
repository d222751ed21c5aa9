package io.streamscore.flink.store;

import io.streamscore.spec.RedisStoreSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Writes feature vectors to Redis in pipelined batches through {@link VersionedFeatureScript}, so a vector never
 * replaces a newer one. Within a batch only the newest vector per entity is sent. Not thread-safe: one per sink
 * subtask. Plain Java, so it is tested against a real Redis without Flink.
 */
public final class RedisFeatureWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisFeatureWriter.class);

    /** What a flush did: vectors written, and vectors refused because Redis held a newer one. */
    public record FlushResult(int written, int stale) {}

    private final Jedis jedis;
    private final FeatureStoreLayout layout;
    private final String ttlMillis;
    private final int batchSize;
    private final Map<String, FeatureVector> pending = new LinkedHashMap<>();
    private String scriptSha;

    RedisFeatureWriter(Jedis jedis, FeatureStoreLayout layout, long ttlMillis, int batchSize) {
        this.jedis = jedis;
        this.layout = layout;
        this.ttlMillis = Long.toString(ttlMillis);
        this.batchSize = batchSize;
        this.scriptSha = jedis.scriptLoad(VersionedFeatureScript.SOURCE);
    }

    public static RedisFeatureWriter connect(RedisStoreSpec spec) {
        return new RedisFeatureWriter(RedisConnector.connect(spec),
                FeatureStoreLayout.of(spec), spec.ttl().toMillis(), spec.batchSize());
    }

    /** Buffers a vector; sends the batch when it is full. Returns the flush result, or null when only buffered. */
    public FlushResult write(FeatureVector vector) {
        pending.merge(vector.entity, vector, RedisFeatureWriter::newer);
        return pending.size() >= batchSize ? flush() : null;
    }

    /** Sends every buffered vector and waits for Redis's answers. */
    public FlushResult flush() {
        if (pending.isEmpty()) {
            return new FlushResult(0, 0);
        }
        List<FeatureVector> batch = new ArrayList<>(pending.values());
        FlushResult result;
        try {
            result = send(batch);
        } catch (JedisNoScriptException e) {
            // Redis restarted (or SCRIPT FLUSH) since the script was loaded: load it again and resend, which is
            // safe because the script is idempotent.
            scriptSha = jedis.scriptLoad(VersionedFeatureScript.SOURCE);
            result = send(batch);
        }
        pending.clear();
        return result;
    }

    private FlushResult send(List<FeatureVector> batch) {
        Pipeline pipeline = jedis.pipelined();
        List<Response<Object>> responses = new ArrayList<>(batch.size());
        for (FeatureVector vector : batch) {
            responses.add(pipeline.evalsha(scriptSha, List.of(layout.key(vector.entity)), arguments(vector)));
        }
        pipeline.sync();
        int written = 0;
        for (int i = 0; i < responses.size(); i++) {
            try {
                written += ((Long) responses.get(i).get()).intValue();
            } catch (JedisDataException e) {
                throw explain(layout.key(batch.get(i).entity), e);
            }
        }
        return new FlushResult(written, batch.size() - written);
    }

    /**
     * The script's failure on {@code key}, explained when the key is not a hash: another application writes under
     * the store's prefix (Redis says only "WRONGTYPE Operation against a key holding the wrong kind of value").
     */
    private JedisDataException explain(String key, JedisDataException failure) {
        if (failure.getMessage() == null || !failure.getMessage().startsWith("WRONGTYPE")) {
            return failure;
        }
        return new JedisDataException("Redis key '" + key + "' holds a " + jedis.type(key) + ", not a feature "
                + "hash: something else writes under stores.redis.key_prefix '" + layout.keyPrefix() + "'; give the "
                + "feature store a key_prefix of its own, or delete that key", failure);
    }

    private List<String> arguments(FeatureVector vector) {
        List<String> arguments = new ArrayList<>(3 + 2 * vector.values.length);
        arguments.add(Long.toString(vector.validAt));
        arguments.add(vector.eventId);
        arguments.add(ttlMillis);
        List<String> names = layout.features();
        for (int i = 0; i < names.size(); i++) {
            if (!Double.isNaN(vector.values[i])) {
                arguments.add(names.get(i));
                arguments.add(Double.toString(vector.values[i]));
            }
        }
        return arguments;
    }

    /** The vector Redis would keep: later event time, then the larger event id (as the script decides). */
    static FeatureVector newer(FeatureVector a, FeatureVector b) {
        if (a.validAt != b.validAt) {
            return a.validAt > b.validAt ? a : b;
        }
        return Arrays.compareUnsigned(a.eventId.getBytes(StandardCharsets.UTF_8),
                b.eventId.getBytes(StandardCharsets.UTF_8)) >= 0 ? a : b;
    }

    /**
     * Closes the connection and never throws: it runs in the task's cleanup, typically after Redis dropped the
     * connection (a restart, a failover, {@code CLIENT KILL}), when Jedis cannot send the bytes still buffered and
     * fails with "Broken pipe". Flink treats a throw from cleanup as fatal to the whole TaskManager, so the job
     * would never restart; logged instead, the failure stays the ordinary task failure the flush already reported.
     */
    @Override
    public void close() {
        try {
            jedis.close();
        } catch (JedisException e) {
            LOG.warn("closing the connection to Redis failed (ignored, the connection is dropped): {}", e.toString());
        }
    }
}

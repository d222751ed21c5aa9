package io.streamscore.flink.store;

/**
 * The compare-and-set that keeps the feature store monotonic in event time: a vector replaces the stored one only
 * when it is valid at a later event time, or at the same time from an event id that is not smaller (compared
 * byte-wise in UTF-8). Replays after
 * a failure, out-of-order events and parallel writers therefore all converge on the vector of the newest event, so
 * at-least-once delivery gives exactly-once state. It runs atomically inside Redis.
 *
 * <p>KEYS[1] is the entity's hash; ARGV[1] the event time, ARGV[2] the event id, ARGV[3] the TTL in ms (0: none),
 * then field/value pairs. Returns 1 when written, 0 when the stored vector is newer.
 */
final class VersionedFeatureScript {
    static final String SOURCE = """
            -- byte-wise a > b: Lua's own string comparison follows the server's locale
            local function after(a, b)
              for i = 1, math.min(#a, #b) do
                local x, y = a:byte(i), b:byte(i)
                if x ~= y then return x > y end
              end
              return #a > #b
            end
            local stored = redis.call('HMGET', KEYS[1], '_valid_at', '_event_id')
            local time = tonumber(ARGV[1])
            if stored[1] then
              local storedTime = tonumber(stored[1])
              if storedTime > time or (storedTime == time and stored[2] and after(stored[2], ARGV[2])) then
                return 0
              end
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], '_valid_at', ARGV[1], '_event_id', ARGV[2], unpack(ARGV, 4))
            local ttl = tonumber(ARGV[3])
            if ttl > 0 then
              redis.call('PEXPIRE', KEYS[1], ttl)
            end
            return 1
            """;

    private VersionedFeatureScript() {}
}

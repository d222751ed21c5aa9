package io.streamscore.flink.sink;

/**
 * A record ready for Kafka: topic, key, value, timestamp and string headers. All Kafka outputs (scores, alerts,
 * late events, dead letters) become {@code OutputRecord}s and share one transactional sink, so one checkpoint
 * commits them together: a reader never sees a score whose matching dead letter or late record is missing. A Flink
 * POJO.
 */
public class OutputRecord {
    public String topic;
    public byte[] key;
    public byte[] value;
    public long timestamp;
    /** Header names and values, alternating: {@code [name0, value0, name1, value1, ...]}; may be null. */
    public String[] headers;

    public OutputRecord() {}

    public OutputRecord(String topic, byte[] key, byte[] value, long timestamp, String[] headers) {
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers;
    }
}

package io.streamscore.event;

/**
 * A record that could not be decoded, kept whole so it can be inspected and replayed: the original key and value
 * bytes, where it was read from, and why it was rejected. A Flink POJO, like {@link Event}.
 */
public class DeadLetter {
    public String source;
    public String topic;
    public int partition;
    public long offset;
    public byte[] key;
    public byte[] payload;
    public DeadLetterReason reason;
    public String detail;
    public long ingestTime;

    public DeadLetter() {}

    public DeadLetter(String source, String topic, int partition, long offset, byte[] key, byte[] payload,
                      DeadLetterReason reason, String detail, long ingestTime) {
        this.source = source;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.payload = payload;
        this.reason = reason;
        this.detail = detail;
        this.ingestTime = ingestTime;
    }

    @Override
    public String toString() {
        return "DeadLetter{" + topic + "-" + partition + "@" + offset + " " + reason.code() + ": " + detail + "}";
    }
}

package io.streamscore.flink.scoring;

/** One record of the model-control topic, kept whole so a malformed one can go to the dead-letter topic as it is. */
public class ControlRecord {
    public String topic;
    public int partition;
    public long offset;
    public byte[] key;
    public byte[] value;

    public ControlRecord() {}

    public ControlRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
    }
}

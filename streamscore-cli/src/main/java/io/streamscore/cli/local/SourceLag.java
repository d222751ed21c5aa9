package io.streamscore.cli.local;

import io.streamscore.flink.ingest.KafkaIngestSourceFactory;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How far each source of a pipeline is behind, in records, as Kafka's own tools see it: its consumer group's
 * committed offsets against the end of each partition (read_committed, as the sources read). The sources commit to
 * their group at every completed checkpoint, so a pipeline that keeps up lags by about a checkpoint interval of
 * records, and a stalled one by everything produced since it stalled. A partition without a committed offset (the job
 * never completed a checkpoint) counts from its earliest retained record, where such a job starts.
 */
public final class SourceLag {
    private SourceLag() {}

    /** One partition: {@code committed} is null when the group has no offset for it. */
    public record Partition(int partition, Long committed, long end, long lag) {}

    /** One source of the spec and its group's lag over the topic's partitions. */
    public record Source(String source, String topic, String group, List<Partition> partitions) {
        public long lag() {
            return partitions.stream().mapToLong(Partition::lag).sum();
        }

        /** Whether the group has committed an offset for any partition (the job completed a checkpoint). */
        public boolean committed() {
            return partitions.stream().anyMatch(p -> p.committed() != null);
        }
    }

    /**
     * The lag of every source of {@code spec} (its {@code kafka} section as it will be used), each Kafka call bounded
     * by {@code timeout}.
     *
     * @throws IllegalArgumentException when Kafka does not answer, or a source's topic does not exist, naming the
     *                                  spec field to check
     */
    public static List<Source> read(PipelineSpec spec, Duration timeout) throws InterruptedException {
        long millis = timeout.toMillis();
        Admin admin;
        try {
            admin = Admin.create(Preflight.adminConfig(spec, "streamscore-lag", millis));
        } catch (KafkaException e) {
            throw new IllegalArgumentException("cannot create a Kafka client for " + spec.kafka().bootstrap() + " ("
                    + e.getMessage() + "); check `kafka.bootstrap` and `kafka.properties`", e);
        }
        try {
            List<Source> sources = new ArrayList<>();
            for (SourceSpec source : spec.sources()) {
                sources.add(read(admin, KafkaIngestSourceFactory.groupId(spec, source), source, millis));
            }
            return sources;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalArgumentException(Preflight.bootstrapReason(spec.kafka().bootstrap(), e), e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static Source read(Admin admin, String group, SourceSpec source, long millis)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription topic;
        try {
            topic = admin.describeTopics(List.of(source.topic())).topicNameValues().get(source.topic())
                    .get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalArgumentException("sources." + source.name() + ".topic: topic " + source.topic()
                        + " does not exist", e);
            }
            throw e;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(millis, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
        topic.partitions().forEach(info -> {
            TopicPartition partition = new TopicPartition(source.topic(), info.partition());
            ends.put(partition, OffsetSpec.latest());
            if (committed.get(partition) == null) {
                starts.put(partition, OffsetSpec.earliest());
            }
        });
        ListOffsetsOptions readCommitted = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(ends, readCommitted).all()
                .get(millis, TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> start = starts.isEmpty() ? Map.of()
                : admin.listOffsets(starts, readCommitted).all().get(millis, TimeUnit.MILLISECONDS);
        List<Partition> partitions = new ArrayList<>();
        for (TopicPartition partition : ends.keySet().stream()
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList()) {
            OffsetAndMetadata offset = committed.get(partition);
            long endOffset = end.get(partition).offset();
            long from = offset != null ? offset.offset() : start.get(partition).offset();
            partitions.add(new Partition(partition.partition(), offset == null ? null : offset.offset(), endOffset,
                    Math.max(0, endOffset - from)));
        }
        return new Source(source.name(), source.topic(), group, partitions);
    }
}

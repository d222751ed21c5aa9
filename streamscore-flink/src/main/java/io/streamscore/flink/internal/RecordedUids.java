package io.streamscore.flink.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.CompletedCheckpointStorageLocation;
import org.apache.flink.runtime.state.filesystem.AbstractFsCheckpointStorageAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators a checkpoint's or savepoint's {@code _metadata} records: every operator id, and the uid of those
 * whose uid Flink wrote next to the hash, so a part is named even when its uid is none the current spec could make
 * (a source since renamed). The path is read through Flink's file systems: on a JobManager an {@code s3://}
 * savepoint is readable, on a machine without that file system's plugin the result is {@link #NONE}.
 *
 * @param operatorIds  every operator id the checkpoint records, as Flink prints it (32 hex digits)
 * @param withState    those of them that hold state: the ones Flink refuses to leave unrestored
 *                     ({@code Checkpoints.loadAndValidateCheckpoint} skips an operator whose subtasks hold nothing)
 * @param byOperatorId operator id to uid, for those the metadata records a uid of
 * @param maxParallelism the max parallelism (key groups) the job's operators ran with, the largest any operator
 *                     records (those pinned to one subtask record 1 or Flink's default for one); 0 when unknown
 */
public record RecordedUids(Set<String> operatorIds, Set<String> withState, Map<String, String> byOperatorId,
                           int maxParallelism) {
    private static final Logger LOG = LoggerFactory.getLogger(RecordedUids.class);
    /** Nothing known: no checkpoint, or its metadata was not readable. */
    public static final RecordedUids NONE = new RecordedUids(Set.of(), Set.of(), Map.of(), 0);

    public RecordedUids {
        operatorIds = Collections.unmodifiableSet(new LinkedHashSet<>(operatorIds)); // the metadata's order
        withState = Collections.unmodifiableSet(new LinkedHashSet<>(withState));
        byOperatorId = Map.copyOf(byOperatorId);
    }

    /** What the metadata of a checkpoint directory, its {@code _metadata} file or their URI records; never null. */
    public static RecordedUids read(String checkpointPath) {
        if (checkpointPath == null) {
            return NONE;
        }
        Set<String> ids = new LinkedHashSet<>();
        Set<String> withState = new LinkedHashSet<>();
        Map<String, String> uids = new LinkedHashMap<>();
        int maxParallelism = 0;
        try {
            CompletedCheckpointStorageLocation location =
                    AbstractFsCheckpointStorageAccess.resolveCheckpointPointer(checkpointPath);
            try (DataInputStream in = new DataInputStream(location.getMetadataHandle().openInputStream())) {
                CheckpointMetadata read = Checkpoints.loadCheckpointMetadata(in, RecordedUids.class.getClassLoader(),
                        location.getExternalPointer());
                for (OperatorState operator : read.getOperatorStates()) {
                    String id = operator.getOperatorID().toHexString();
                    ids.add(id);
                    if (holdsState(operator)) {
                        withState.add(id);
                    }
                    operator.getOperatorUid().ifPresent(uid -> uids.put(id, uid));
                    maxParallelism = Math.max(maxParallelism, operator.getMaxParallelism());
                }
            }
        } catch (IOException | RuntimeException e) {
            // what is lost is said by the callers: a plainer message, or the uids of feature groups from before v2
            LOG.info("could not read the operators of checkpoint {}: {}", checkpointPath, e.toString());
            return NONE;
        }
        return new RecordedUids(ids, withState, uids, maxParallelism);
    }

    /** As Flink decides whether an operator's state may go unrestored: its coordinator's or any subtask's. */
    private static boolean holdsState(OperatorState operator) {
        return operator.getCoordinatorState() != null
                || operator.getStates().stream().anyMatch(OperatorSubtaskState::hasState);
    }
}

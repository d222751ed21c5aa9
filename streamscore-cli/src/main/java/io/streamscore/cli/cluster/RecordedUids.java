package io.streamscore.cli.cluster;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uids a checkpoint's or savepoint's {@code _metadata} records for its operators, by operator id. Flink writes
 * them next to the hashes, so a part is named even when its uid is none the current spec could make (a source since
 * renamed). Only a path this machine can read is looked at: a savepoint on a cluster's file system returns nothing,
 * and the hash is then named from the spec's candidate uids alone.
 */
public final class RecordedUids {
    private static final Logger LOG = LoggerFactory.getLogger(RecordedUids.class);

    private RecordedUids() {}

    /** Operator id to uid; empty when the metadata is not readable here or records no uids. */
    public static Map<String, String> of(String checkpointPath) {
        Path metadata = metadataFile(checkpointPath);
        Map<String, String> uids = new LinkedHashMap<>();
        if (metadata == null || !Files.isRegularFile(metadata)) {
            return uids;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(metadata)))) {
            CheckpointMetadata read = Checkpoints.loadCheckpointMetadata(in, RecordedUids.class.getClassLoader(),
                    metadata.getParent().toString());
            for (OperatorState operator : read.getOperatorStates()) {
                operator.getOperatorUid().ifPresent(uid -> uids.put(operator.getOperatorID().toHexString(), uid));
            }
        } catch (IOException | RuntimeException e) {
            // only a better message is lost: the hash is still named from the spec's candidate uids
            LOG.info("could not read the operator uids of {}: {}", metadata, e.toString());
        }
        return uids;
    }

    /** The {@code _metadata} file of a checkpoint directory, path or file: URI; null for another file system's. */
    private static Path metadataFile(String checkpointPath) {
        Path path;
        if (checkpointPath == null || !checkpointPath.startsWith("file:") && checkpointPath.contains("://")) {
            return null; // s3://, hdfs://: the cluster's to read
        } else if (checkpointPath.startsWith("file:")) {
            path = Path.of(URI.create(checkpointPath));
        } else {
            path = Path.of(checkpointPath);
        }
        return Files.isDirectory(path) ? path.resolve("_metadata") : path;
    }
}

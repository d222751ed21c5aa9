package io.streamscore.cli.cluster;

import io.streamscore.flink.internal.RecordedUids;
import io.streamscore.flink.internal.StateOwners;
import io.streamscore.spec.PipelineSpec;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink's refusal of a savepoint that holds state of an operator the job no longer has, in our words. Flink names
 * the operator by a hash of its uid and points at its own CLI's {@code --allowNonRestoredState}; a Streamscore user
 * knows neither. The hash is looked up in the savepoint's own metadata ({@link RecordedUids}, when this machine can
 * read it) and among the uids this spec could have made ({@link StateOwners}), so the
 * message can say which part owned the state (a feature group, the alert rules, the join), and it names our
 * {@code --allow-non-restored-state} and what it drops.
 */
public final class OrphanedState {
    /** The operator the refusal is about, and Flink's sentences about it, which ours replace. */
    private static final Pattern FLINKS_REFUSAL = Pattern.compile("Cannot map checkpoint/savepoint state for operator "
            + "([0-9a-f]{32}) to the new program, because the operator is not available in the new program\\."
            + "(?: If you want to allow to skip this, you can set the --allowNonRestoredState option on the CLI\\.)?");

    private OrphanedState() {}

    /**
     * {@code message} with Flink's refusal of a savepoint replaced by ours, or empty when it holds none.
     *
     * @param savepoint the path resumed from, whose metadata may record the uid ({@link RecordedUids})
     * @param again     the command to run again with {@code --allow-non-restored-state}: "submit", "run"
     */
    public static Optional<String> explain(String message, PipelineSpec spec, String savepoint, String again) {
        Matcher refusal = message == null ? null : FLINKS_REFUSAL.matcher(message);
        if (refusal == null || !refusal.find()) {
            return Optional.empty();
        }
        String owner = owner(refusal.group(1), spec, savepoint);
        String ours = "The savepoint holds state of a part this spec no longer has (" + owner + "). To start without "
                + "that state, which is then dropped for good, " + again + " again with --allow-non-restored-state; to "
                + "keep it, resume with the spec the savepoint was taken with.";
        return Optional.of(message.substring(0, refusal.start()) + ours + message.substring(refusal.end()));
    }

    /** "operator HASH, uid features-v2-transactions-card_id: the feature group ...", or what is known of the hash. */
    private static String owner(String operatorId, PipelineSpec spec, String savepoint) {
        String uid = RecordedUids.read(savepoint).byOperatorId().getOrDefault(operatorId,
                StateOwners.candidateUids(spec).get(operatorId));
        if (uid != null) {
            return "operator " + operatorId + ", " + StateOwners.describe(uid);
        }
        return "operator " + operatorId + ", whose uid the savepoint does not record and is none this spec's sources "
                + "and fields could make: a source renamed or removed, or a feature group keyed by a field no source "
                + "has any more";
    }
}

package io.streamscore.cli.cluster;

import io.streamscore.flink.internal.NonRestoredState;
import io.streamscore.flink.internal.RecordedUids;
import io.streamscore.flink.internal.StateOwners;
import io.streamscore.spec.PipelineSpec;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink's refusal of a savepoint that holds state of an operator the job no longer has, in our words. Flink names
 * the operator by a hash of its uid and points at its own CLI's {@code --allowNonRestoredState}; a Streamscore user
 * knows neither. The hash is looked up in the savepoint's own metadata ({@link RecordedUids}, when this machine can
 * read it) and among the uids this spec could have made ({@link StateOwners}), so the
 * message can say which part owned the state (a feature group, the alert rules, the join), and it names our
 * {@code --allow-non-restored-state} and what it drops. Before a restore, {@link NonRestoredState} names every such
 * part; this is for the restores it could not check (metadata this machine cannot read).
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
        String owner = StateOwners.owner(refusal.group(1), RecordedUids.read(savepoint),
                StateOwners.candidateUids(spec));
        String ours = NonRestoredState.refusal(List.of(owner), again);
        return Optional.of(message.substring(0, refusal.start()) + ours + message.substring(refusal.end()));
    }
}

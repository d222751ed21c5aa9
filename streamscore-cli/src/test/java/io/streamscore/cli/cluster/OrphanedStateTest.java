package io.streamscore.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.flink.internal.StateOwners;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.SpecLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Flink's refusal in our words, for the restores whose metadata this machine could not check beforehand: the part
 * found among the uids the spec could make, since no metadata was read.
 */
class OrphanedStateTest {
    private static final PipelineSpec FRAUD = SpecLoader.load(Path.of("../examples/fraud.yaml"));

    @Test
    void flinksRefusalNamesThePartAndOurOptionInsteadOfTheHashAndFlinksOption() {
        String join = StateOwners.operatorId(OperatorIds.JOIN);
        String flinks = "java.lang.IllegalStateException: Failed to rollback to checkpoint/savepoint s3://b/sp-1. "
                + "Cannot map checkpoint/savepoint state for operator " + join + " to the new program, because the "
                + "operator is not available in the new program. If you want to allow to skip this, you can set the "
                + "--allowNonRestoredState option on the CLI.";

        assertThat(OrphanedState.explain(flinks, FRAUD, "s3://b/sp-1", "submit")).hasValue("java.lang."
                + "IllegalStateException: Failed to rollback to checkpoint/savepoint s3://b/sp-1. The savepoint holds "
                + "state of a part this spec no longer has (operator " + join + ", uid join-v1: the join (`joins`, its "
                + "waiting events and histories)). To start without that state, which is then dropped for good, "
                + "submit again with --allow-non-restored-state; to keep it, resume with the spec the savepoint was "
                + "taken with.");
    }

    @Test
    void anotherFailureIsLeftAsItIs() {
        assertThat(OrphanedState.explain("a different StateBackend", FRAUD, "s3://b/sp-1", "run")).isEmpty();
    }
}

package io.streamscore.registry;

import java.util.List;

/**
 * The sample a loader scores before it lets a model version serve: every row's score must be within
 * {@code tolerance} of the expected score, otherwise the version is refused and the running one keeps serving.
 * This catches a model file that parses but does not compute what was trained (wrong format version, feature order
 * mix-up, a truncated tree).
 */
public record SelfCheck(List<SelfCheckRow> rows, double tolerance) {
    public SelfCheck {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("rows: at least one row with its expected score is required");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == null) {
                throw new IllegalArgumentException("rows[" + i + "]: the row is missing");
            }
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance: " + tolerance
                    + " must be a finite number >= 0, e.g. 1e-6");
        }
        rows = List.copyOf(rows);
    }
}

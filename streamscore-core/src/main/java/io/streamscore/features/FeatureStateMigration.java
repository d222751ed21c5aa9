package io.streamscore.features;

import io.streamscore.expression.ExpressionText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a key's window state from one feature set to another, so that changing a feature group's definitions
 * (adding, removing, redefining a feature) keeps the state of every feature that did not change instead of
 * discarding the whole group.
 *
 * <p>A feature <b>carries over</b> when the new set has a feature of the same name whose state means the same: the same
 * aggregation, field name and type, window, tile, n, cap and filter ({@link #sameState}; the field's slot in the event
 * may differ, the state holds the values read; filters compare by their {@link FeatureFilter#source()} as written, and
 * a filter written as code cannot be compared and is taken as unchanged). Its answers after the migration are
 * bit-identical to what the old state would have answered. Every other feature of the new set <b>starts empty</b>, as
 * if it had been added at the key's newest event: it fills within its window. Features the new set no longer has are
 * dropped. The key's horizon, arrival counter and newest event time carry over.
 */
public final class FeatureStateMigration {
    private final FeatureSet from;
    private final FeatureSet to;
    /** Per feature of {@link #to}, the index of the feature it carries over from {@link #from}, or -1. */
    private final int[] sources;

    private FeatureStateMigration(FeatureSet from, FeatureSet to) {
        this.from = from;
        this.to = to;
        this.sources = new int[to.size()];
        for (int j = 0; j < to.size(); j++) {
            FeatureDefinition target = to.definition(j);
            sources[j] = -1;
            for (int i = 0; i < from.size(); i++) {
                if (sameState(from.definition(i), target)) {
                    sources[j] = i;
                }
            }
        }
    }

    /** The migration from states of {@code from} to states of {@code to}. */
    public static FeatureStateMigration between(FeatureSet from, FeatureSet to) {
        return new FeatureStateMigration(from, to);
    }

    /** Whether state kept for {@code a} answers for {@code b}: the same name and everything that shapes the state. */
    public static boolean sameState(FeatureDefinition a, FeatureDefinition b) {
        return a.name().equals(b.name()) && a.aggregation() == b.aggregation()
                && (a.field() == null ? b.field() == null : b.field() != null
                        && a.field().name().equals(b.field().name()) && a.field().type() == b.field().type())
                && a.windowMillis() == b.windowMillis() && a.tileMillis() == b.tileMillis()
                && a.lastN() == b.lastN() && a.distinctCap() == b.distinctCap()
                && sameFilter(a.filter(), b.filter());
    }

    /** Filters written alike, spacing aside; a filter without source text (Java code, v1 snapshots) counts as alike. */
    private static boolean sameFilter(FeatureFilter a, FeatureFilter b) {
        return a.source() == null || b.source() == null || a.source().equals(b.source())
                || ExpressionText.canonical(a.source()).equals(ExpressionText.canonical(b.source()));
    }

    /** The feature set whose states this migration takes. */
    public FeatureSet from() {
        return from;
    }

    /**
     * Whether every feature carries over in place (same layout, nothing started or dropped): a state then needs no
     * migration, only binding to the new set ({@link KeyedWindowState#copy(FeatureSet)}).
     */
    public boolean keepsEverything() {
        if (from.size() != to.size() || from.fingerprint() != to.fingerprint()) {
            return false;
        }
        for (int j = 0; j < sources.length; j++) {
            if (sources[j] != j) {
                return false;
            }
        }
        return true;
    }

    /** Names of the new set's features whose state carries over. */
    public List<String> carried() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < sources.length; j++) {
            if (sources[j] >= 0) {
                names.add(to.definition(j).name());
            }
        }
        return names;
    }

    /** Names of the new set's features that start empty: new, or redefined under the same name. */
    public List<String> started() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < sources.length; j++) {
            if (sources[j] < 0) {
                names.add(to.definition(j).name());
            }
        }
        return names;
    }

    /** Names of the old set's features whose state is dropped: removed, or redefined under the same name. */
    public List<String> dropped() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            boolean kept = false;
            for (int source : sources) {
                kept |= source == i;
            }
            if (!kept) {
                names.add(from.definition(i).name());
            }
        }
        return names;
    }

    /** Whether {@code state} is of this migration's source layout, so that {@link #migrate} takes it. */
    public boolean migrates(KeyedWindowState state) {
        return state.features() == from || state.features().fingerprint() == from.fingerprint();
    }

    /**
     * A new state of the target set holding {@code state}'s events and finalized windows for every carried feature;
     * {@code state} is not changed.
     *
     * @throws IllegalArgumentException if {@code state} is not a state of this migration's source layout
     */
    public KeyedWindowState migrate(KeyedWindowState state) {
        if (!migrates(state)) {
            throw new IllegalArgumentException("the window state belongs to another feature set than the migration's");
        }
        KeyedWindowState migrated = to.newState();
        migrated.restoreCounters(state.horizon(), state.nextArrival(), state.latestTime());
        RawEventLog old = state.log();
        RawEventLog log = migrated.log();
        for (int e = old.start(); e < old.end(); e++) {
            int pos = log.insert(old.time(e), old.arrival(e));
            for (int j = 0; j < sources.length; j++) {
                copyInput(old, e, sources[j], log, pos, j);
                if (sources[j] < 0) {
                    migrated.window(j).inserted(log, pos);
                }
            }
        }
        for (int j = 0; j < sources.length; j++) {
            if (sources[j] >= 0) {
                moveWindow(state, sources[j], migrated, j);
            }
        }
        return migrated;
    }

    /** Copies entry {@code e}'s input of old feature {@code i} into new feature {@code j}; none when {@code i < 0}. */
    private void copyInput(RawEventLog old, int e, int i, RawEventLog log, int pos, int j) {
        if (to.input(j).usesKey()) {
            log.keys(j)[pos] = i < 0 ? DistinctKeys.NONE : old.keys(i)[e];
        } else {
            log.set(j, pos, i < 0 ? Double.NaN : old.value(i, e));
        }
    }

    /**
     * The finalized structure of old feature {@code i} into new feature {@code j}, through its own binary form: both
     * logs hold the same entries with the same inputs for it, so reading rebuilds exactly what was written.
     */
    private static void moveWindow(KeyedWindowState state, int i, KeyedWindowState migrated, int j) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            state.window(i).write(state.log(), out);
            out.flush();
            migrated.window(j).read(migrated.log(),
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException("moving the window state of a feature failed", e);
        }
    }
}

package io.streamscore.drift;

import io.streamscore.registry.Histogram;
import io.streamscore.spec.MonitoringSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches named values (a model's features, its score) for drift: each value's distribution over a sliding window
 * of event time ({@link SlidingHistogram}) is compared with its baseline by PSI ({@link PopulationStability}) each
 * time the value's own event time passes a multiple of {@code every} ({@link #add} returns that reading), so the
 * result depends on the data only, not on when it arrives or on watermarks (values of one event can reach the
 * monitor through paths of different speed, e.g. inputs before scoring and scores after it). A value alerts when
 * its PSI passes the threshold with at least {@code minSamples} values in a full window, once per episode: it alerts
 * again only after its PSI has come back to the threshold or below.
 *
 * <p>A window is judged only once it is full: its start is at or after the slot of the value's first value. Before
 * that (the first {@code window} of a run) the window holds the first seconds only, and right
 * after a cold start those are the least typical seconds there are: every windowed feature (counts, sums over 5
 * minutes to 30 days) starts from empty state. A window of the first 5 seconds against training baselines that
 * span tens of seconds measured PSI 1.5 on the demo's counts, with no drift in the data; the readings have NaN PSI
 * instead, as below {@code minSamples}.
 *
 * <p>{@link #snapshot} and {@link #restore} carry the windows, the evaluation clock (the next multiple of
 * {@code every} each value is evaluated at), each value's first slot (so a window that was full stays full) and the
 * alert episodes across a restart: a restored monitor fed the rest of the input gives the readings and alerts an
 * uninterrupted one gives. Not thread-safe: one per operator subtask.
 */
public final class DriftMonitor {
    /** The state of one value at one evaluation; {@code psi} is NaN below {@code minSamples} or in a partial window. */
    public record Reading(String name, double psi, long samples, long windowStart, long windowEnd, boolean alert) {}

    /** What {@link #restore} did: {@code restored} false when the snapshot was of other windows ({@code reason}). */
    public record Restore(boolean restored, String reason) {}

    private final String reference;
    private final DriftSnapshotFormat.Header header;

    private final MonitoringSpec.Drift settings;
    private final List<String> names;
    private final List<Histogram> baselines;
    private final SlidingHistogram[] windows;
    private final boolean[] drifting;
    private final long[] nextEvaluation;
    /** The start of the slot of each value's first value: a window starting before it is partial. */
    private final long[] firstSlot;
    private final long everyMillis;

    /** @param baselines the baseline of each watched value by name, in the order {@link #add} takes values */
    public DriftMonitor(MonitoringSpec.Drift settings, Map<String, Histogram> baselines) {
        this("", settings, baselines);
    }

    /**
     * @param reference what the baselines belong to (a model's name and version): a snapshot taken under another
     *                  reference is not restored
     * @param baselines the baseline of each watched value by name, in the order {@link #add} takes values
     */
    public DriftMonitor(String reference, MonitoringSpec.Drift settings, Map<String, Histogram> baselines) {
        this.reference = java.util.Objects.requireNonNull(reference, "reference");
        this.settings = settings;
        Map<String, Histogram> ordered = new LinkedHashMap<>(baselines);
        this.names = List.copyOf(ordered.keySet());
        this.baselines = List.copyOf(ordered.values());
        this.windows = new SlidingHistogram[names.size()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new SlidingHistogram(this.baselines.get(i), settings.slots(), settings.every().toMillis());
        }
        this.drifting = new boolean[names.size()];
        this.nextEvaluation = new long[names.size()];
        java.util.Arrays.fill(nextEvaluation, Long.MIN_VALUE);
        this.firstSlot = new long[names.size()];
        this.everyMillis = settings.every().toMillis();
        this.header = new DriftSnapshotFormat.Header(reference, settings.window().toMillis(), everyMillis, names,
                DriftSnapshotFormat.fingerprint(this.baselines));
    }

    public List<String> names() {
        return names;
    }

    /**
     * Counts a value of the watched value at {@code index} (NaN: missing). When its event time is past the value's
     * next multiple of {@code every}, first evaluates the window that ends at the start of this value's slot and
     * returns that reading; else returns null.
     */
    public Reading add(int index, long eventTime, double value) {
        long slotStart = Math.floorDiv(eventTime, everyMillis) * everyMillis;
        Reading reading = null;
        if (nextEvaluation[index] == Long.MIN_VALUE) {
            nextEvaluation[index] = slotStart + everyMillis;
            firstSlot[index] = slotStart;
        } else if (eventTime >= nextEvaluation[index]) {
            reading = evaluate(index, slotStart);
            nextEvaluation[index] = slotStart + everyMillis;
        }
        windows[index].add(eventTime, value);
        return reading;
    }

    /** PSI of every watched value over the window ending at {@code end}, with the alerts that start now. */
    public List<Reading> evaluate(long end) {
        List<Reading> readings = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            readings.add(evaluate(i, end));
        }
        return readings;
    }

    private Reading evaluate(int index, long end) {
        windows[index].advanceTo(end - 1);
        Histogram window = windows[index].window();
        long samples = window.total();
        boolean full = nextEvaluation[index] != Long.MIN_VALUE
                && end - settings.window().toMillis() >= firstSlot[index];
        double psi = full && samples >= settings.minSamples()
                ? PopulationStability.psi(baselines.get(index), window) : Double.NaN;
        boolean above = psi > settings.threshold();
        boolean alert = above && !drifting[index];
        if (!Double.isNaN(psi)) {
            drifting[index] = above;
        }
        long windowStart = windows[index].windowStart();
        return new Reading(names.get(index), psi, samples, windowStart, windowStart + settings.window().toMillis(),
                alert);
    }

    /**
     * The monitor's state in format version {@value DriftSnapshotFormat#VERSION} ({@link DriftSnapshotFormat}): after
     * the header, per watched value a flag byte (1: has seen a value, 2: in an alert episode), when started its first
     * slot and next evaluation, then its window ({@link SlidingHistogram}).
     */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + names.size() * settings.slots() * 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            header.write(out);
            for (int i = 0; i < names.size(); i++) {
                boolean started = nextEvaluation[i] != Long.MIN_VALUE;
                out.writeByte((started ? 1 : 0) | (drifting[i] ? 2 : 0));
                if (started) {
                    out.writeLong(firstSlot[i]);
                    out.writeLong(nextEvaluation[i]);
                }
                windows[i].writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Continues from a {@link #snapshot} when it was taken for the same reference, window, every, watched values
     * and baselines; otherwise keeps this monitor as it is (empty when new) and says why. Throws for a format
     * version this build does not read, or a corrupt snapshot.
     */
    public Restore restore(byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            String mismatch = DriftSnapshotFormat.Header.read(in).mismatch(header);
            if (mismatch != null) {
                return new Restore(false, mismatch);
            }
            for (int i = 0; i < names.size(); i++) {
                int flags = in.readUnsignedByte();
                drifting[i] = (flags & 2) != 0;
                firstSlot[i] = (flags & 1) != 0 ? in.readLong() : 0;
                nextEvaluation[i] = (flags & 1) != 0 ? in.readLong() : Long.MIN_VALUE;
                windows[i].readFrom(in);
            }
            return new Restore(true, "restored " + names.size() + " windows");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot restore the drift monitor of " + reference + ": "
                    + e.getMessage(), e);
        }
    }
}

package io.streamscore.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins a feature log with delayed labels into a {@link TrainingSet}.
 *
 * <p>Point-in-time correctness comes from the feature log itself: each entry holds the features an event was scored
 * with, computed by the pipeline as of the event's own time, so no row can see anything that happened after its
 * event. Labels arrive later (a chargeback days after the payment) and join by event id; the newest label of an
 * event wins (corrections). An event with no label yet is left out, not taken as a negative: the generator labels
 * every payment, fraud or not, so a missing label only means it is not known yet. A feature entry seen again
 * (a replay) keeps its first values.
 *
 * <p>The split is by event time, never random: rows are ordered by (event time, event id), the earliest
 * {@code 1 - holdoutShare} train and the rest are held out, with every tie of the boundary time on the holdout
 * side, so the holdout is strictly later than anything trained on.
 */
public final class TrainingSetBuilder {
    /** What the join saw. */
    public record Counts(long featureEntries, long duplicateFeatureEntries, long labels, long unlabeledEvents,
                         long labelsWithoutFeatures) {}

    private record Entry(String eventId, long eventTime, double[] features) {}

    private record Label(boolean positive, long labelTime) {}

    private final List<String> featureNames;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Label> labels = new HashMap<>();
    private long featureEntries;
    private long duplicates;
    private long labelRecords;

    /** @param featureNames the model's features, the order of every values array given to {@link #addFeatures} */
    public TrainingSetBuilder(List<String> featureNames) {
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("a training set needs at least one feature");
        }
        this.featureNames = List.copyOf(featureNames);
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The features event {@code eventId} was scored with, in {@link #featureNames()} order. */
    public void addFeatures(String eventId, long eventTime, double[] values) {
        if (values.length != featureNames.size()) {
            throw new IllegalArgumentException("event " + eventId + " has " + values.length + " feature values, the "
                    + "training set has " + featureNames.size() + " features " + featureNames);
        }
        featureEntries++;
        if (entries.putIfAbsent(eventId, new Entry(eventId, eventTime, values.clone())) != null) {
            duplicates++;
        }
    }

    /** A label for event {@code eventId}, known from {@code labelTime} on. */
    public void addLabel(String eventId, boolean positive, long labelTime) {
        labelRecords++;
        labels.merge(eventId, new Label(positive, labelTime),
                (old, next) -> next.labelTime() >= old.labelTime() ? next : old);
    }

    public int labeledEvents() {
        int count = 0;
        for (String id : entries.keySet()) {
            count += labels.containsKey(id) ? 1 : 0;
        }
        return count;
    }

    /**
     * Joins and splits.
     *
     * @param holdoutShare the share of the latest labeled rows held out for evaluation, in (0, 1)
     * @throws IllegalArgumentException if either side of the split would be empty
     */
    public TrainingSet build(double holdoutShare) {
        if (!(holdoutShare > 0 && holdoutShare < 1)) {
            throw new IllegalArgumentException("holdout share " + holdoutShare + " must be in (0, 1), e.g. 0.2");
        }
        List<Entry> labeled = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (labels.containsKey(entry.eventId())) {
                labeled.add(entry);
            }
        }
        labeled.sort(Comparator.comparingLong(Entry::eventTime).thenComparing(Entry::eventId));
        int cut = (int) Math.floor(labeled.size() * (1 - holdoutShare));
        while (cut > 0 && cut < labeled.size() && labeled.get(cut - 1).eventTime() == labeled.get(cut).eventTime()) {
            cut--;
        }
        if (cut == 0 || cut == labeled.size()) {
            throw new IllegalArgumentException(labeled.size() + " labeled events (of " + entries.size()
                    + " with features and " + labels.size() + " labels) cannot be split by time into training and "
                    + "holdout rows; feed more events, or check that labels and features share event ids");
        }
        Counts counts = new Counts(featureEntries, duplicates, labelRecords, entries.size() - labeled.size(),
                labels.keySet().stream().filter(id -> !entries.containsKey(id)).count());
        return new TrainingSet(featureNames, rows(labeled.subList(0, cut)), rows(labeled.subList(cut,
                labeled.size())), counts);
    }

    private LabeledRows rows(List<Entry> slice) {
        int n = slice.size();
        String[] ids = new String[n];
        double[][] features = new double[n][];
        boolean[] positive = new boolean[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            Entry entry = slice.get(i);
            ids[i] = entry.eventId();
            features[i] = entry.features();
            positive[i] = labels.get(entry.eventId()).positive();
            times[i] = entry.eventTime();
        }
        return new LabeledRows(ids, features, positive, times);
    }
}

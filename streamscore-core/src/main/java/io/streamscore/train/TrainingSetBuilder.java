package io.streamscore.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a feature log with delayed labels into a {@link TrainingSet}.
 *
 * <p>Point-in-time correctness comes from the feature log itself: each entry holds the features an event was scored
 * with, computed by the pipeline as of the event's own time, so no row can see anything that happened after its
 * event. Labels arrive later (a chargeback days after the payment) and join by event; the newest label of an
 * event wins (corrections). An event with no label yet is left out, not taken as a negative: the generator labels
 * every payment, fraud or not, so a missing label only means it is not known yet. A feature entry seen again
 * (a replay) keeps its first values.
 *
 * <p>An event is its source and its id, since event ids need only be unique within their source (two topics may
 * both number their events from 1). A label that names its source joins that source's event only. A label without
 * a source joins by id alone when exactly one source logged an event of that id; when several did, it cannot say
 * whose it is, so it joins none, and such labels are counted ({@link Counts#ambiguousLabels}) and logged rather
 * than given to the wrong event.
 *
 * <p>The split is by event time, never random: rows are ordered by (event time, event id, source), the earliest
 * {@code 1 - holdoutShare} train and the rest are held out, with every tie of the boundary time on the holdout
 * side, so the holdout is strictly later than anything trained on.
 */
public final class TrainingSetBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSetBuilder.class);

    /**
     * What the join saw.
     *
     * @param ambiguousLabels labels without a source whose event id several sources logged: joined to none
     */
    public record Counts(long featureEntries, long duplicateFeatureEntries, long labels, long unlabeledEvents,
                         long labelsWithoutFeatures, long ambiguousLabels) {}

    private record EventRef(String source, String eventId) {}

    private record Entry(EventRef event, long eventTime, double[] features) {}

    private record Label(boolean positive, long labelTime) {
        /** The newer of two labels of one event (a correction wins), either possibly null. */
        static Label newer(Label old, Label next) {
            return old == null || (next != null && next.labelTime() >= old.labelTime()) ? next : old;
        }
    }

    private record Row(Entry entry, Label label) {}

    private final List<String> featureNames;
    private final Map<EventRef, Entry> entries = new HashMap<>();
    private final Map<EventRef, Label> sourcedLabels = new HashMap<>();
    private final Map<String, Label> unsourcedLabels = new HashMap<>();
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

    /** The features event {@code eventId} of {@code source} was scored with, in {@link #featureNames()} order. */
    public void addFeatures(String source, String eventId, long eventTime, double[] values) {
        if (values.length != featureNames.size()) {
            throw new IllegalArgumentException("event " + eventId + " has " + values.length + " feature values, the "
                    + "training set has " + featureNames.size() + " features " + featureNames);
        }
        featureEntries++;
        EventRef event = new EventRef(Objects.requireNonNull(source, "source"), eventId);
        if (entries.putIfAbsent(event, new Entry(event, eventTime, values.clone())) != null) {
            duplicates++;
        }
    }

    /**
     * A label for event {@code eventId}, known from {@code labelTime} on.
     *
     * @param source the event's source, or null when the label does not name one (then it joins by id alone)
     */
    public void addLabel(String source, String eventId, boolean positive, long labelTime) {
        labelRecords++;
        Label label = new Label(positive, labelTime);
        if (source == null) {
            unsourcedLabels.merge(eventId, label, Label::newer);
        } else {
            sourcedLabels.merge(new EventRef(source, eventId), label, Label::newer);
        }
    }

    public int labeledEvents() {
        return join(sourcesById()).size();
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
        Map<String, Integer> sourcesById = sourcesById();
        List<Row> labeled = join(sourcesById);
        labeled.sort(Comparator.comparingLong((Row row) -> row.entry().eventTime())
                .thenComparing(row -> row.entry().event().eventId())
                .thenComparing(row -> row.entry().event().source()));
        int cut = (int) Math.floor(labeled.size() * (1 - holdoutShare));
        while (cut > 0 && cut < labeled.size()
                && labeled.get(cut - 1).entry().eventTime() == labeled.get(cut).entry().eventTime()) {
            cut--;
        }
        long ambiguous = ambiguousLabels(sourcesById);
        if (cut == 0 || cut == labeled.size()) {
            throw new IllegalArgumentException(labeled.size() + " labeled events (of " + entries.size()
                    + " with features and " + labelRecords + " labels, " + ambiguous + " of them without a source for"
                    + " an id several sources have) cannot be split by time into training and holdout rows; feed "
                    + "more events, or check that labels and features share event ids (and sources)");
        }
        long withoutFeatures = sourcedLabels.keySet().stream().filter(event -> !entries.containsKey(event)).count()
                + unsourcedLabels.keySet().stream().filter(id -> !sourcesById.containsKey(id)).count();
        Counts counts = new Counts(featureEntries, duplicates, labelRecords, entries.size() - labeled.size(),
                withoutFeatures, ambiguous);
        return new TrainingSet(featureNames, rows(labeled.subList(0, cut)), rows(labeled.subList(cut,
                labeled.size())), counts);
    }

    /** How many sources logged an event of each id. */
    private Map<String, Integer> sourcesById() {
        Map<String, Integer> sources = new HashMap<>();
        entries.keySet().forEach(event -> sources.merge(event.eventId(), 1, Integer::sum));
        return sources;
    }

    /** Each logged event with its label: its source's, or one without a source when its id is unambiguous. */
    private List<Row> join(Map<String, Integer> sourcesById) {
        List<Row> labeled = new ArrayList<>();
        for (Entry entry : entries.values()) {
            String id = entry.event().eventId();
            Label unsourced = sourcesById.get(id) == 1 ? unsourcedLabels.get(id) : null;
            Label label = Label.newer(sourcedLabels.get(entry.event()), unsourced);
            if (label != null) {
                labeled.add(new Row(entry, label));
            }
        }
        return labeled;
    }

    /** Labels without a source that several sources' events could own; logged with an example, as none joins. */
    private long ambiguousLabels(Map<String, Integer> sourcesById) {
        List<String> ambiguous = unsourcedLabels.keySet().stream()
                .filter(id -> sourcesById.getOrDefault(id, 0) > 1).toList();
        if (!ambiguous.isEmpty()) {
            LOG.warn("{} labels name no source and their event ids (e.g. '{}') belong to events of several sources:"
                    + " they join no event; give such labels a `source`", ambiguous.size(), ambiguous.get(0));
        }
        return ambiguous.size();
    }

    private static LabeledRows rows(List<Row> slice) {
        int n = slice.size();
        String[] ids = new String[n];
        double[][] features = new double[n][];
        boolean[] positive = new boolean[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            Entry entry = slice.get(i).entry();
            ids[i] = entry.event().eventId();
            features[i] = entry.features();
            positive[i] = slice.get(i).label().positive();
            times[i] = entry.eventTime();
        }
        return new LabeledRows(ids, features, positive, times);
    }
}

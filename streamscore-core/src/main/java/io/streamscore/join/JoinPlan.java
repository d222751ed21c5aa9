package io.streamscore.join;

import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import io.streamscore.event.EventSchema;
import io.streamscore.event.FieldType;
import io.streamscore.spec.ClickFeatureSpec;
import io.streamscore.spec.ClickMeasure;
import io.streamscore.spec.JoinsSpec;
import io.streamscore.spec.PipelineSpec;
import io.streamscore.spec.ProfileColumnSpec;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code joins} section resolved against the sources' schemas: which events are enriched, how a click
 * is classified, how a profile change becomes a row of numbers, and the columns the join writes. Pure and
 * serializable, so the Flink operator and tests (and an offline oracle) share it.
 */
public final class JoinPlan implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String OP = "op";

    private final String enrichedSource;
    private final String clickSource;
    private final String profileSource;
    private final ClickMeasure[] measures;
    private final long[] windowsMs;
    private final int actionSlot;
    private final int sessionSlot;
    private final int opSlot;
    private final int[] rowSlots;
    private final boolean[] rowIsText;
    private final List<Map<String, Double>> codes;
    private final List<String> columns;
    private final long waitLatenessMs;
    private final long maxWaitMs;
    private final long maxWindowMs;

    private JoinPlan(JoinsSpec joins, PipelineSpec spec) {
        this.enrichedSource = joins.source();
        this.columns = joins.columns();
        this.maxWaitMs = joins.maxWait().toMillis();
        List<ClickFeatureSpec> clickFeatures = joins.clicks() == null ? List.of() : joins.clicks().features();
        this.clickSource = joins.clicks() == null ? null : joins.clicks().source();
        this.measures = clickFeatures.stream().map(ClickFeatureSpec::measure).toArray(ClickMeasure[]::new);
        this.windowsMs = clickFeatures.stream().mapToLong(f -> f.window().toMillis()).toArray();
        this.maxWindowMs = Arrays.stream(windowsMs).max().orElse(0);
        EventSchema clicks = clickSource == null ? null : spec.source(clickSource).schema();
        this.actionSlot = slotOf(clicks, "action");
        this.sessionSlot = slotOf(clicks, "session_id");
        List<ProfileColumnSpec> profileColumns = joins.profiles() == null ? List.of() : joins.profiles().columns();
        this.profileSource = joins.profiles() == null ? null : joins.profiles().source();
        EventSchema profiles = profileSource == null ? null : spec.source(profileSource).schema();
        this.opSlot = slotOf(profiles, OP);
        this.rowSlots = new int[profileColumns.size()];
        this.rowIsText = new boolean[profileColumns.size()];
        this.codes = profileColumns.stream().map(c -> Map.copyOf(new HashMap<>(c.codes()))).toList();
        for (int i = 0; i < profileColumns.size(); i++) {
            EventField field = profiles.require("after." + profileColumns.get(i).field());
            rowSlots[i] = field.slot();
            rowIsText[i] = field.type() == FieldType.STRING;
        }
        this.waitLatenessMs = joins.joinedSources().stream().map(spec::source)
                .mapToLong(s -> s.allowedLateness().toMillis()).max().orElse(0);
    }

    /** The plan of the spec's joins; {@code null} when it has none. */
    public static JoinPlan compile(PipelineSpec spec) {
        return spec.joins().isEmpty() ? null : new JoinPlan(spec.joins(), spec);
    }

    private static int slotOf(EventSchema schema, String field) {
        return schema == null ? -1 : schema.field(field).map(EventField::slot).orElse(-1);
    }

    public boolean isEnriched(Event event) {
        return enrichedSource.equals(event.source);
    }

    public boolean isClick(Event event) {
        return clickSource != null && clickSource.equals(event.source);
    }

    public boolean isProfileChange(Event event) {
        return profileSource != null && profileSource.equals(event.source);
    }

    public boolean hasClicks() {
        return clickSource != null;
    }

    public boolean hasProfiles() {
        return profileSource != null;
    }

    /** The kind of a click for {@link ClickHistory#add}. */
    public byte clickKind(Event click) {
        String action = actionSlot < 0 ? null : click.strings[actionSlot];
        return "view".equals(action) ? ClickHistory.VIEW
                : "login_failed".equals(action) ? ClickHistory.FAILED_LOGIN : 0;
    }

    public String clickSession(Event click) {
        return sessionSlot < 0 ? null : click.strings[sessionSlot];
    }

    /** The profile row a change makes valid: its columns as numbers; {@code null} for a delete. */
    public double[] profileRow(Event change) {
        if ("d".equals(change.strings[opSlot])) {
            return null;
        }
        double[] row = new double[rowSlots.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = rowIsText[i] ? codes.get(i).getOrDefault(change.strings[rowSlots[i]], Double.NaN)
                    : change.numbers[rowSlots[i]];
        }
        return row;
    }

    /** Writes the click features as of {@code t} into {@code out} from {@code offset}. */
    public void clickFeatures(ClickHistory clicks, long t, double[] out, int offset) {
        for (int i = 0; i < measures.length; i++) {
            out[offset + i] = clicks == null
                    ? (measures[i] == ClickMeasure.SESSION_AGE ? Double.NaN : 0)
                    : clicks.measure(measures[i], t, windowsMs[i]);
        }
    }

    public int clickWidth() {
        return measures.length;
    }

    public int profileWidth() {
        return rowSlots.length;
    }

    /** The join's column names: click features, then profile columns. */
    public List<String> columns() {
        return columns;
    }

    /**
     * How far behind an enriched event's time the watermark must be before it is joined: the joined sources' lateness.
     */
    public long waitLatenessMs() {
        return waitLatenessMs;
    }

    public long maxWaitMs() {
        return maxWaitMs;
    }

    /** The longest click window: clicks older than the oldest pending query minus this are never read again. */
    public long maxWindowMs() {
        return maxWindowMs;
    }

    public String enrichedSource() {
        return enrichedSource;
    }
}

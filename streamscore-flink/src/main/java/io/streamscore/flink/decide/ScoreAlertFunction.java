package io.streamscore.flink.decide;

import io.streamscore.alerts.AlertPlan;
import io.streamscore.alerts.AlertRule;
import io.streamscore.flink.scoring.ScoreRecord;
import java.util.Arrays;

/**
 * The alert rules that read the model's score, on the scores (see {@link RuleAlertFunction} for the cooldown). A
 * condition reads the event's fields ({@link ScoreRecord#numbers}, {@link ScoreRecord#strings}), its feature columns
 * and the score, which sits in the column after them ({@link AlertRule#scoreSlot()}). An unscored event's score is
 * NaN, so a comparison with it is false. Its alerts carry the score and the model name and version that produced it
 * (the decider's: the canary's version for a canary's keys).
 */
public final class ScoreAlertFunction extends RuleAlertFunction<ScoreRecord> {
    private final int scoreSlot;
    private transient double[] columns;

    /** @param allowedLatenessMs the largest allowed lateness of the rules' sources */
    public ScoreAlertFunction(AlertPlan plan, long allowedLatenessMs) {
        super(plan, allowedLatenessMs);
        if (rules.isEmpty() || rules.stream().anyMatch(rule -> rule.scoreSlot() != rules.get(0).scoreSlot()
                || !rule.readsScore())) {
            throw new IllegalArgumentException("score alerts need rules that read the score from one column: " + rules);
        }
        this.scoreSlot = rules.get(0).scoreSlot();
    }

    @Override
    protected void prepare(ScoreRecord record) {
        if (columns == null) {
            columns = new double[scoreSlot + 1];
        }
        int copied = record.features == null ? 0 : Math.min(record.features.length, scoreSlot);
        if (copied > 0) {
            System.arraycopy(record.features, 0, columns, 0, copied);
        }
        Arrays.fill(columns, copied, scoreSlot, Double.NaN);
        columns[scoreSlot] = record.score;
    }

    @Override
    protected boolean holds(AlertRule rule, ScoreRecord record) {
        return rule.test(record.source, record.numbers, record.strings, columns);
    }

    @Override
    protected long eventTime(ScoreRecord record) {
        return record.eventTime;
    }

    @Override
    protected AlertRecord alert(AlertRule rule, ScoreRecord record) {
        AlertRecord alert = AlertRecord.of(rule.name(), record.key, record.source, record.eventId, record.eventTime,
                record.ingestTime, record.features);
        alert.score = record.score;
        alert.model = record.modelName;
        alert.modelVersion = record.modelVersion;
        return alert;
    }
}

package io.streamscore.flink;

import io.streamscore.flink.scoring.ScoreRecord;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys scores by their event's key, as {@link EventKeySelector} keys the events: the alerts on the score. */
final class ScoreKeySelector implements KeySelector<ScoreRecord, String> {
    @Override
    public String getKey(ScoreRecord score) {
        return score.key;
    }
}

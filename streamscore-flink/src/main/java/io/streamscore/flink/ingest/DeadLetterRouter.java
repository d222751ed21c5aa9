package io.streamscore.flink.ingest;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.Event;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits a source's output: events continue down the pipeline, dead letters go to the {@link #DEAD_LETTERS} side
 * output.
 */
public final class DeadLetterRouter extends ProcessFunction<Ingested, Event> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    @Override
    public void processElement(Ingested record, Context ctx, Collector<Event> out) {
        if (record.isEvent()) {
            out.collect(record.event);
        } else {
            ctx.output(DEAD_LETTERS, record.deadLetter);
        }
    }
}

package io.streamscore.bench.features;

import io.streamscore.flink.ingest.LateEvent;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts the feature operator's late events into accumulator {@link #LATE}, which a benchmark run expects to stay 0:
 * a late event gets no answer, so the run would compare fewer outputs than inputs.
 */
final class LateEventCounter extends RichMapFunction<LateEvent, Boolean> {
    static final String LATE = "late-events";

    private transient LongCounter late;

    @Override
    public void open(OpenContext context) {
        late = new LongCounter();
        getRuntimeContext().addAccumulator(LATE, late);
    }

    @Override
    public Boolean map(LateEvent event) {
        late.add(1);
        return Boolean.TRUE;
    }
}

package io.streamscore.bench.features;

import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps the samples an agreement check compares (a few thousand ids, shipped with the job). */
final class SampleFilter implements FilterFunction<FeatureSample> {
    private final HashSet<String> ids;

    SampleFilter(Set<String> ids) {
        this.ids = new HashSet<>(ids);
    }

    @Override
    public boolean filter(FeatureSample sample) {
        return ids.contains(sample.id());
    }
}

package io.streamscore.flink.features;

import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import io.streamscore.features.FeatureGroup;
import io.streamscore.features.FeaturePlan;
import io.streamscore.flink.EventStage;
import io.streamscore.flink.ingest.LateEvent;
import io.streamscore.flink.internal.FeatureGroupUids;
import io.streamscore.flink.internal.OperatorIds;
import io.streamscore.spec.RuntimeSpec;
import io.streamscore.spec.SourceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The feature stage of a pipeline: one keyed window operator per feature group, in plan order, then the derived
 * features.
 * <pre>
 * events -> keyBy(group 0 key) -> WindowFeatureFunction -> keyBy(group 1 key) -> ... -> DerivedFeatureFunction
 *                                      |late (defensive)
 * </pre>
 * Every event goes through every group's operator (other sources pass through, keyed by their own key), so the
 * stage keeps the input's per-key order and needs no join. Groups are independent (filters see only the event), so
 * the groups keyed by their source's key run last: the stage's output is then already partitioned by
 * {@link Event#key}, and the alerts and joins after it reuse that partitioning instead of shuffling again
 * ({@link FeatureStageOutput#keyedByEventKey()}). A group's operator uid names its source and key, not its place in
 * the plan or the order ({@link FeatureGroupUids}). {@link #wire} also returns the late events, which
 * {@link io.streamscore.flink.PipelineJob} sends to the late topic; {@link #apply} (the plain {@link EventStage})
 * keeps only the events, and such late events are then visible only in the {@code late_at_features} counter.
 */
public final class FeatureStage implements EventStage {
    private final FeaturePlan plan;
    private final HashMap<String, Long> latenessBySource = new HashMap<>();
    private final HashMap<String, String> keyFieldBySource = new HashMap<>();
    private final int stateCacheKeys;
    private final FeatureGroupUids uids;

    /** With the default state cache ({@link RuntimeSpec#DEFAULT_STATE_CACHE_KEYS} keys, on RocksDB only), v2 uids. */
    public FeatureStage(FeaturePlan plan, List<SourceSpec> sources) {
        this(plan, sources, RuntimeSpec.DEFAULT_STATE_CACHE_KEYS, FeatureGroupUids.V2);
    }

    /**
     * @param sources        the spec's sources: each group's source must be one, for its allowed lateness
     * @param stateCacheKeys keys per subtask whose window state a serializing backend's run keeps on the heap
     *                       ({@link WindowFeatureOperator}); 0: none
     * @param uids           the groups' operator uids: {@link FeatureGroupUids#V2}, or those a restore found
     */
    public FeatureStage(FeaturePlan plan, List<SourceSpec> sources, int stateCacheKeys, FeatureGroupUids uids) {
        this.plan = plan;
        this.stateCacheKeys = stateCacheKeys;
        this.uids = uids;
        for (SourceSpec source : sources) {
            latenessBySource.put(source.name(), source.allowedLateness().toMillis());
            keyFieldBySource.put(source.name(), source.keyField());
        }
        for (FeatureGroup group : plan.groups()) {
            if (!latenessBySource.containsKey(group.source())) {
                throw new IllegalArgumentException("feature group keyed by " + keyNames(group) + " reads source '"
                        + group.source() + "', which is not among the sources " + latenessBySource.keySet());
            }
        }
    }

    @Override
    public DataStream<Event> apply(DataStream<Event> events) {
        return wire(events).events();
    }

    /** Adds the stage's operators after {@code events}; an empty plan adds none. */
    public FeatureStageOutput wire(DataStream<Event> events) {
        DataStream<Event> stream = events;
        Map<String, DataStream<LateEvent>> late = new LinkedHashMap<>();
        List<FeatureGroup> groups = plan.groups();
        boolean keyedByEventKey = false;
        for (int i : executionOrder()) {
            FeatureGroup group = groups.get(i);
            keyedByEventKey = isKeyedByEventKey(group);
            SingleOutputStreamOperator<Event> computed = stream
                    .keyBy(new FeatureKeySelector(group, keyedByEventKey), Types.STRING)
                    .transform("features: " + String.join("+", keyNames(group)) + " (" + group.features().size()
                            + " features)", stream.getType(), new WindowFeatureOperator(new WindowFeatureFunction(
                                    group, plan.width(), latenessBySource.get(group.source())), stateCacheKeys))
                    .uid(uids.uid(group));
            late.merge(group.source(), computed.getSideOutput(WindowFeatureFunction.LATE), DataStream::union);
            stream = computed;
        }
        if (!plan.isEmpty()) {
            stream = stream.map(new DerivedFeatureFunction(plan)).uid(OperatorIds.DERIVED_FEATURES)
                    .name("features: derived (" + plan.derived().size() + ")");
        }
        return new FeatureStageOutput(stream, late, keyedByEventKey);
    }

    /** Plan indexes of the groups: those keyed by something else first, those keyed by the event key last. */
    private List<Integer> executionOrder() {
        List<Integer> order = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < plan.groups().size(); i++) {
                if (isKeyedByEventKey(plan.groups().get(i)) == (pass == 1)) {
                    order.add(i);
                }
            }
        }
        return order;
    }

    private boolean isKeyedByEventKey(FeatureGroup group) {
        return group.keyFields().size() == 1
                && group.keyFields().get(0).name().equals(keyFieldBySource.get(group.source()));
    }

    private static List<String> keyNames(FeatureGroup group) {
        return group.keyFields().stream().map(EventField::name).toList();
    }
}

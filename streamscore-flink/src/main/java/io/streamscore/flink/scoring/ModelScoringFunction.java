package io.streamscore.flink.scoring;

import io.streamscore.event.Event;
import io.streamscore.event.EventSchema;
import io.streamscore.flink.metrics.PipelineMetrics;
import io.streamscore.flink.metrics.ShareGauge;
import io.streamscore.registry.Challenger;
import io.streamscore.registry.ChallengerMode;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.scoring.CanaryAssignment;
import io.streamscore.scoring.CanaryGuard;
import io.streamscore.scoring.ModelLoadException;
import io.streamscore.scoring.ModelLoader;
import io.streamscore.scoring.ModelLoader.LoadedModel;
import io.streamscore.scoring.ScorerFactory;
import io.streamscore.spec.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every event with the champion and applies model changes between two events, with no restart. Plans
 * arrive from {@link ModelControlFunction} through broadcast state, so every parallel instance switches; a version
 * is loaded and self-checked here too before it serves, and if that fails the old one keeps serving.
 *
 * <p>Canaries decide for their share of keys (sticky by key hash, {@link CanaryAssignment}); for those events the
 * champion scores too, its score goes to the shadow output, and a {@link CanaryGuard} compares the two: when the
 * canary throws, is slower than {@code max_latency}, or drifts beyond {@code max_psi}, this subtask stops using it at
 * once and {@link CanaryRollback} removes it from the registry and tells the other subtasks (on a thread of its own,
 * so an unreachable Kafka never stalls scoring); once a plan without it
 * arrives, the version may be put back like any other. Shadows score every event into the shadow output and never
 * change a decision.
 *
 * <p>The guards' evidence is checkpointed ({@link CanaryEvidenceState}, union list state): after a failure or a
 * savepoint upgrade a guard continues from the checkpoint's counts when the registry still names the same canary
 * version, and a version that was condemned but is still in the registry is rolled back again at once. A changed
 * canary version, or a savepoint without this state (taken before it existed), starts fresh.
 */
public final class ModelScoringFunction extends BroadcastProcessFunction<Event, ServingPlan, ScoreRecord>
        implements CheckpointedFunction {
    public static final MapStateDescriptor<String, ServingPlan> PLANS = new MapStateDescriptor<>("serving-plan",
            Types.STRING, TypeInformation.of(ServingPlan.class));
    public static final OutputTag<ShadowRecord> SHADOW = new OutputTag<>("shadow-scores") {};
    private static final Logger LOG = LoggerFactory.getLogger(ModelScoringFunction.class);

    private final ModelSpec spec;
    private final List<String> featureColumns;
    private final HashMap<String, EventSchema> schemas;
    private final ScorerFactory factory;
    private final CanaryRollback rollback;

    private transient PipelineModelLoader loader;
    private transient ServingPlan plan;
    private transient Map<Integer, ServedModel> loaded;
    private transient Map<Integer, VersionMetrics> metrics;
    private transient Map<Integer, CanaryGuard> guards;
    private transient ListState<CanaryEvidenceState> evidenceState;
    /** Evidence from the checkpoint, per canary version, until the first plan after open has taken what it needs. */
    private transient Map<Integer, List<CanaryGuard.Evidence>> restoredEvidence;
    private transient Set<Integer> rolledBack;
    private transient ServedModel champion;
    private transient List<ServedModel> canaries;
    private transient double[] canaryShares;
    private transient List<ServedModel> shadows;
    private transient Counter refused;
    private transient Counter rollbacks;
    /** Rollbacks whose registry change or control message failed; counted on the rollback's thread. */
    private transient Counter rollbackFailures;
    private transient Counter shadowFailures;
    /** Shadow versions whose failure was logged since they became shadows: later ones are only counted. */
    private transient Set<Integer> shadowFailuresLogged;
    private transient ShareGauge canaryShare;

    public ModelScoringFunction(ModelSpec spec, List<String> featureColumns, Map<String, EventSchema> schemas,
                                ScorerFactory factory, CanaryRollback rollback) {
        this.spec = spec;
        this.featureColumns = List.copyOf(featureColumns);
        this.schemas = new HashMap<>(schemas);
        this.factory = factory;
        this.rollback = rollback;
    }

    /** Runs before {@link #open}: reads the checkpoint's guard evidence (none in savepoints from before it existed). */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        evidenceState = context.getOperatorStateStore().getUnionListState(CanaryEvidenceState.DESCRIPTOR);
        TaskInfo task = getRuntimeContext().getTaskInfo();
        restoredEvidence = CanaryEvidenceState.select(evidenceState.get(), spec.name(), task.getIndexOfThisSubtask(),
                task.getNumberOfParallelSubtasks());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        TaskInfo task = getRuntimeContext().getTaskInfo();
        List<CanaryEvidenceState> entries = new ArrayList<>();
        guards.forEach((version, guard) -> {
            boolean serving = canaries.stream().anyMatch(canary -> canary.version == version);
            if (serving || guard.rollbackReason().isPresent()) {
                entries.add(CanaryEvidenceState.of(spec.name(), version, task.getIndexOfThisSubtask(),
                        task.getNumberOfParallelSubtasks(), guard.evidence()));
            }
        });
        evidenceState.update(entries);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        MetricGroup group = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup());
        refused = group.counter(PipelineMetrics.MODEL_REFUSED);
        rollbacks = group.counter(PipelineMetrics.MODEL_ROLLBACKS);
        rollbackFailures = group.counter(PipelineMetrics.MODEL_ROLLBACK_FAILURES, new ThreadSafeSimpleCounter());
        shadowFailures = group.counter(PipelineMetrics.MODEL_SHADOW_FAILURES);
        shadowFailuresLogged = new HashSet<>();
        canaryShare = PipelineMetrics.modelGroup(getRuntimeContext().getMetricGroup(), spec.name())
                .gauge(PipelineMetrics.MODEL_CANARY_SHARE, new ShareGauge());
        ModelRegistry registry = ModelRegistry.open(spec.registry());
        loader = new PipelineModelLoader(new ModelLoader(registry, factory), featureColumns, schemas,
                spec.thresholdFromModel());
        loaded = new HashMap<>();
        metrics = new HashMap<>();
        guards = new HashMap<>();
        rolledBack = new HashSet<>();
        // The registry is the truth at start (also after a restore): the plan in broadcast state may be older. A
        // champion that cannot serve leaves the earlier one scoring; ModelControlFunction counts that refusal once.
        PlanResolver.Resolution start = new PlanResolver(registry, loader, spec.name()).resolve(null, 0);
        start.refusals().forEach(refusal -> LOG.warn("at start, model {}: {}", spec.name(), refusal));
        apply(start.plan());
        // Only the canaries the registry still names continue from the checkpoint; a later canary starts fresh.
        restoredEvidence = Map.of();
        rollBackCondemned();
    }

    /** A canary restored with a verdict (its rollback did not reach the registry) is rolled back before it decides. */
    private void rollBackCondemned() {
        for (ServedModel canary : List.copyOf(canaries)) {
            guards.get(canary.version).rollbackReason().ifPresent(reason -> rollBack(canary, reason));
        }
    }

    @Override
    public void processElement(Event event, ReadOnlyContext ctx, Collector<ScoreRecord> out) {
        double championScore = champion.score(event);
        ServedModel decider = champion;
        double score = championScore;
        int canary = CanaryAssignment.canaryOf(event.key, canaryShares);
        if (canary >= 0) {
            ServedModel candidate = canaries.get(canary);
            Double canaryScore = scoreCanary(candidate, event, championScore);
            if (canaryScore != null) {
                decider = candidate;
                score = canaryScore;
                ctx.output(SHADOW, shadow(event, champion, "champion", championScore, decider));
            }
        }
        for (ServedModel shadow : shadows) {
            try {
                ctx.output(SHADOW, shadow(event, shadow, "shadow", shadow.score(event), decider));
            } catch (RuntimeException e) {
                // Once per shadow: one that fails on every event would otherwise log at the event rate.
                shadowFailures.inc();
                if (shadowFailuresLogged.add(shadow.version)) {
                    LOG.warn("shadow {} v{} failed on event {} (its later failures are counted in {}, not logged): {}",
                            spec.name(), shadow.version, event.eventId, PipelineMetrics.MODEL_SHADOW_FAILURES,
                            e.toString());
                }
            }
        }
        canaryShare.count(decider != champion);
        out.collect(result(event, decider, score));
    }

    /** The canary's score, or null when it failed (the champion decides; the guard rolls the canary back). */
    private Double scoreCanary(ServedModel canary, Event event, double championScore) {
        CanaryGuard guard = guards.get(canary.version);
        Double score = null;
        try {
            score = canary.score(event);
            guard.record(championScore, score, canary.lastNanos());
        } catch (RuntimeException e) {
            guard.failed(e);
        }
        guard.rollbackReason().ifPresent(reason -> rollBack(canary, reason));
        return score;
    }

    private void rollBack(ServedModel canary, String reason) {
        rollbacks.inc();
        rolledBack.add(canary.version);
        List<Challenger> kept = new ArrayList<>(plan.challengers());
        kept.removeIf(challenger -> challenger.version() == canary.version);
        applyLocally(ServingPlan.of(plan.model, plan.sequence, plan.champion, kept));
        // Returns at once: the registry change and the publish run on the rollback's own thread.
        rollback.rollBack(canary.version, reason).whenComplete((done, failure) -> {
            if (failure != null) {
                rollbackFailures.inc();
            }
        });
    }

    @Override
    public void processBroadcastElement(ServingPlan next, Context ctx, Collector<ScoreRecord> out) throws Exception {
        ctx.getBroadcastState(PLANS).put(next.model, next);
        if (next.sequence > plan.sequence) {
            apply(next);
        }
    }

    private void apply(ServingPlan next) {
        // A canary the plan no longer names is gone from the registry: a rollback of it is complete, and if someone
        // puts the version back later (as a shadow or a canary) that is a new decision, judged from zero.
        Set<Integer> nextCanaries = new HashSet<>();
        next.challengers().stream().filter(challenger -> challenger.mode() == ChallengerMode.CANARY)
                .forEach(challenger -> nextCanaries.add(challenger.version()));
        rolledBack.retainAll(nextCanaries);
        guards.keySet().retainAll(nextCanaries);
        List<Challenger> challengers = new ArrayList<>(next.challengers());
        challengers.removeIf(challenger -> rolledBack.contains(challenger.version()));
        applyLocally(ServingPlan.of(next.model, next.sequence, next.champion, challengers));
    }

    /** Loads what the plan adds (keeping the current champion if the new one fails), closes what it drops. */
    private void applyLocally(ServingPlan next) {
        Map<Integer, ServedModel> serving = new HashMap<>();
        ServedModel nextChampion = obtain(next.champion);
        if (nextChampion == null && champion == null) {
            throw new IllegalStateException("model '" + spec.name() + "' version " + next.champion + " cannot serve");
        }
        champion = nextChampion != null ? nextChampion : champion;
        serving.put(champion.version, champion);
        canaries = new ArrayList<>();
        shadows = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (Challenger challenger : next.challengers()) {
            ServedModel model = challenger.version() == champion.version ? null : obtain(challenger.version());
            if (model == null) {
                continue;
            }
            serving.put(model.version, model);
            if (challenger.mode() == ChallengerMode.CANARY) {
                canaries.add(model);
                shares.add(challenger.share());
                guards.computeIfAbsent(model.version, this::newGuard);
            } else {
                shadows.add(model);
            }
        }
        canaryShares = shares.stream().mapToDouble(Double::doubleValue).toArray();
        shadowFailuresLogged.removeIf(version -> shadows.stream().noneMatch(shadow -> shadow.version == version));
        loaded.forEach((version, model) -> {
            if (!serving.containsKey(version)) {
                model.close();
            }
        });
        loaded = serving;
        plan = next;
        canaryShare.reset();
        LOG.info("scoring {} with champion v{}, canaries {}, shadows {}", spec.name(), champion.version,
                canaries.stream().map(m -> m.version).toList(), shadows.stream().map(m -> m.version).toList());
    }

    /** A guard for a canary, continuing from the checkpoint's evidence if it watched this version before. */
    private CanaryGuard newGuard(int version) {
        CanaryGuard guard = new CanaryGuard(spec.rollback().maxPsi(), spec.rollback().minEvents(),
                spec.rollback().maxLatency().toNanos());
        if (restoredEvidence != null) {
            restoredEvidence.getOrDefault(version, List.of()).forEach(guard::absorb);
        }
        return guard;
    }

    /** The served model of {@code version}, loading it if needed; null (logged, counted) when it cannot serve. */
    private ServedModel obtain(int version) {
        ServedModel model = loaded.get(version);
        if (model != null) {
            return model;
        }
        try {
            VersionMetrics versionMetrics = metrics.computeIfAbsent(version, v -> new VersionMetrics(
                    getRuntimeContext().getMetricGroup(), spec.name(), v));
            LoadedModel served = loader.load(spec.name(), version);
            return new ServedModel(served, spec.decisionThreshold(served.manifest()), featureColumns, schemas,
                    versionMetrics);
        } catch (ModelLoadException e) {
            refused.inc();
            LOG.error("model {} v{} refused by this subtask: {}", spec.name(), version, e.getMessage());
            return null;
        }
    }

    private ScoreRecord result(Event event, ServedModel decider, double score) {
        ScoreRecord result = ScoreRecord.of(event);
        result.score = score;
        result.decision = score >= decider.threshold;
        result.modelName = spec.name();
        result.modelVersion = decider.versionText;
        if (spec.includeFeatures()) {
            result.modelFeatures = decider.lastRow();
        }
        return result;
    }

    private ShadowRecord shadow(Event event, ServedModel model, String role, double score, ServedModel decider) {
        ShadowRecord record = new ShadowRecord();
        record.eventId = event.eventId;
        record.key = event.key;
        record.source = event.source;
        record.eventTime = event.eventTime;
        record.modelName = spec.name();
        record.modelVersion = model.versionText;
        record.role = role;
        record.score = score;
        record.decision = score >= model.threshold;
        record.decidedBy = decider.versionText;
        return record;
    }

    @Override
    public void close() {
        rollback.close();
        if (loaded != null) {
            loaded.values().forEach(ServedModel::close);
        }
    }
}

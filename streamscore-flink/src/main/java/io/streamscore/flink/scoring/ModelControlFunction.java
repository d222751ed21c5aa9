package io.streamscore.flink.scoring;

import io.streamscore.event.DeadLetter;
import io.streamscore.event.DeadLetterReason;
import io.streamscore.event.EventSchema;
import io.streamscore.flink.metrics.PipelineMetrics;
import io.streamscore.registry.CanaryShareException;
import io.streamscore.registry.ModelControlMessage;
import io.streamscore.registry.ModelRegistry;
import io.streamscore.registry.RegistryException;
import io.streamscore.scoring.ModelLoader;
import io.streamscore.scoring.ScorerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gatekeeper of model changes (parallelism 1): for each control message about its model it re-reads the
 * registry (the truth; the message only says "look again"), loads and self-checks every version that would start
 * serving, checks that the pipeline provides its inputs, and emits the resulting {@link ServingPlan} for broadcast.
 * A refused version never reaches the plan: the refusal is logged, counted ({@code model_refused}) and written as a
 * dead letter with reason {@code model_refused}, and so is a change while the registry cannot be read (a damaged or
 * half-edited {@code registry.json}), or when the message names a version the registry does not have (a change made
 * in another registry), or when the message itself asks for a canary share outside (0, 1]; a message that cannot
 * be read becomes a {@code control_malformed} dead letter.
 * Messages about other models are skipped; a message id seen recently is applied once.
 */
public final class ModelControlFunction extends ProcessFunction<ControlRecord, ServingPlan> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("model-control-dead-letters") {};
    static final String SOURCE_NAME = "model-control";
    private static final Logger LOG = LoggerFactory.getLogger(ModelControlFunction.class);
    private static final int REMEMBERED_IDS = 1024;

    private final String registryLocation;
    private final String model;
    private final boolean thresholdFromModel;
    private final List<String> featureColumns;
    private final HashMap<String, EventSchema> schemas;
    private final ScorerFactory factory;
    private transient ModelRegistry registry;
    private transient PlanResolver resolver;
    private transient ServingPlan current;
    private transient LinkedHashSet<String> applied;
    private transient Counter refused;
    private transient Counter malformed;

    /**
     * @param featureColumns     the pipeline's feature columns and {@code schemas} those of the scored sources: a
     *                           version with an input that neither provides is refused ({@link PipelineModelLoader})
     * @param thresholdFromModel {@code threshold: model}: a version that records no threshold is refused
     */
    public ModelControlFunction(String registryLocation, String model, List<String> featureColumns,
                                Map<String, EventSchema> schemas, ScorerFactory factory, boolean thresholdFromModel) {
        this.registryLocation = registryLocation;
        this.model = model;
        this.featureColumns = List.copyOf(featureColumns);
        this.schemas = new HashMap<>(schemas);
        this.factory = factory;
        this.thresholdFromModel = thresholdFromModel;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        MetricGroup metrics = PipelineMetrics.pipelineGroup(getRuntimeContext().getMetricGroup());
        refused = metrics.counter(PipelineMetrics.MODEL_REFUSED);
        malformed = metrics.counter(PipelineMetrics.CONTROL_MALFORMED);
        registry = ModelRegistry.open(registryLocation);
        PipelineModelLoader loader = new PipelineModelLoader(new ModelLoader(registry, factory), featureColumns,
                schemas, thresholdFromModel);
        resolver = new PlanResolver(registry, loader, model);
        // Also after a failover: a champion promoted but refused is refused again here, and the version that was
        // scoring keeps scoring (counted here, once, not in every scoring subtask; there is no record to dead-letter).
        PlanResolver.Resolution start = resolver.resolve(null, System.currentTimeMillis());
        for (String refusal : start.refusals()) {
            refused.inc();
            LOG.error("at start, model {}: {}", model, refusal);
        }
        current = start.plan();
        applied = new LinkedHashSet<>();
    }

    @Override
    public void processElement(ControlRecord record, Context ctx, Collector<ServingPlan> out) throws Exception {
        ModelControlMessage message;
        try {
            message = ModelControlMessage.fromJson(new String(record.value, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            if (CanaryShareException.causes(e)) {
                // Readable, but a change no pipeline may make: refused like a version that fails its self-check.
                refused.inc();
                String refusal = e.getMessage() + "; the serving plan is unchanged: version " + current.champion
                        + " keeps scoring";
                LOG.warn("model-control message at {}-{}@{} refused: {}", record.topic, record.partition,
                        record.offset, refusal);
                ctx.output(DEAD_LETTERS, deadLetter(record, DeadLetterReason.MODEL_REFUSED, refusal));
                return;
            }
            malformed.inc();
            LOG.warn("malformed model-control message at {}-{}@{}: {}", record.topic, record.partition, record.offset,
                    e.getMessage());
            ctx.output(DEAD_LETTERS, deadLetter(record, DeadLetterReason.CONTROL_MALFORMED, e.getMessage()));
            return;
        }
        if (!message.model().equals(model) || !applied.add(message.id())) {
            return;
        }
        if (applied.size() > REMEMBERED_IDS) {
            Iterator<String> oldest = applied.iterator();
            oldest.next();
            oldest.remove();
        }
        // Sequence numbers only need to grow: time keeps them growing across restarts of this function too.
        long sequence = Math.max(current.sequence + 1, System.currentTimeMillis());
        PlanResolver.Resolution resolution;
        List<Integer> versions;
        try {
            resolution = resolver.resolve(current, sequence);
            versions = registry.versions(model);
        } catch (IOException | RegistryException e) {
            // A registry.json being edited by hand, or damaged: a reason to keep scoring, not to fail the job (whose
            // restart could not read the registry either).
            String refusal = "registry " + registryLocation + " cannot be read: " + e.getMessage() + "; version "
                    + current.champion + " keeps scoring; fix the registry, then announce the change again";
            refused.inc();
            LOG.error("model change {} {} v{} not applied: {}", message.type(), model, message.version(), refusal);
            ctx.output(DEAD_LETTERS, deadLetter(record, DeadLetterReason.MODEL_REFUSED, refusal));
            return;
        }
        List<String> refusals = new ArrayList<>(resolution.refusals());
        if (!versions.contains(message.version())) {
            // Versions are never deleted: the change was made in a registry this pipeline does not read.
            refusals.add("the message names version " + message.version() + ", which registry " + registryLocation
                    + " does not have (its versions: " + versions + "); was the change made in another registry (or"
                    + " is a network file system's cache behind)? This pipeline reads " + registryLocation
                    + ", where version " + resolution.plan().champion + " is the champion");
        }
        for (String refusal : refusals) {
            refused.inc();
            LOG.warn("model change {} {} v{} refused: {}", message.type(), model, message.version(), refusal);
            ctx.output(DEAD_LETTERS, deadLetter(record, DeadLetterReason.MODEL_REFUSED, refusal));
        }
        current = resolution.plan();
        LOG.info("model change {} {} v{} ({}): serving {}", message.type(), model, message.version(),
                message.reason(), current);
        out.collect(current);
    }

    private static DeadLetter deadLetter(ControlRecord record, DeadLetterReason reason, String detail) {
        return new DeadLetter(SOURCE_NAME, record.topic, record.partition, record.offset, record.key, record.value,
                reason, detail, System.currentTimeMillis());
    }
}

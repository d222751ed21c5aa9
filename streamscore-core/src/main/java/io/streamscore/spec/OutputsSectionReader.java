package io.streamscore.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code outputs}: the four result topics, the delivery guarantee and checkpointing. The topics must all
 * differ from each other and from every source topic: a shared topic would mix record kinds that consumers tell
 * apart only by topic, and an output that is also an input would feed results back into the pipeline.
 */
final class OutputsSectionReader implements SectionReader<OutputsSpec> {
    static final List<String> KEYS = List.of("scores_topic", "alerts_topic", "late_topic", "dead_letter_topic",
            "guarantee", "checkpoint_interval", "checkpoint_dir", "transactional_id_prefix");
    static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_CHECKPOINT_INTERVAL = Duration.ofMinutes(5);
    static final String TRANSACTIONAL_ID_PREFIX_START = "streamscore-";
    /**
     * Kafka sends a transactional id, and the producer's client id made of it, as a protocol string of at most
     * 32767 bytes; a longer one fails every send of the running job. 255 leaves room for the sink's suffixes.
     */
    static final int MAX_TRANSACTIONAL_ID_PREFIX = 255;

    private static final Map<String, String> TOPIC_EXAMPLES = Map.of("scores_topic", "scores", "alerts_topic",
            "alerts", "late_topic", "late-events", "dead_letter_topic", "dead-letters");
    private static final String WHY_MAX_INTERVAL = "exactly_once commits Kafka transactions at each checkpoint "
            + "and Kafka aborts a transaction open longer than its 10 min transaction timeout";
    /** A scheme of two or more letters, a colon and no "//": one letter is a Windows drive (C:\\state). */
    private static final Pattern SCHEME_WITHOUT_SLASHES = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:(?!//).*");

    private final String pipelineName;
    private final Map<String, String> sourceByTopic;
    private final Path baseDir;

    /**
     * @param pipelineName  the pipeline's name, for the default transactional id prefix
     * @param sourceByTopic the topics the sources read, each with its source's name
     * @param baseDir       the spec's folder, against which a relative checkpoint_dir resolves
     */
    OutputsSectionReader(String pipelineName, Map<String, String> sourceByTopic, Path baseDir) {
        this.pipelineName = pipelineName;
        this.sourceByTopic = sourceByTopic;
        this.baseDir = baseDir;
    }

    @Override
    public String section() {
        return "outputs";
    }

    @Override
    public OutputsSpec read(SpecNode outputs) {
        if (!outputs.isPresent()) {
            outputs.error("required section `outputs` is missing", "add `outputs:` with scores_topic, alerts_topic, "
                    + "late_topic and dead_letter_topic, e.g. `scores_topic: scores`");
            return null;
        }
        if (!outputs.expectMap("output settings (scores_topic, alerts_topic, ...)")) {
            return null;
        }
        int mark = outputs.problems().mark();
        outputs.rejectUnknownKeys(KEYS);
        Map<String, String> topics = readTopics(outputs);
        Guarantee guarantee = outputs.get("guarantee").choice(Guarantee.class, Guarantee.EXACTLY_ONCE);
        Duration interval = outputs.get("checkpoint_interval").duration(OutputsSpec.DEFAULT_CHECKPOINT_INTERVAL,
                MIN_CHECKPOINT_INTERVAL, MAX_CHECKPOINT_INTERVAL, WHY_MAX_INTERVAL);
        String checkpointDir = readCheckpointDir(outputs.get("checkpoint_dir"));
        String prefix = readTransactionalIdPrefix(outputs.get("transactional_id_prefix"));
        if (!outputs.problems().noneSince(mark)) {
            return null;
        }
        return new OutputsSpec(topics.get("scores_topic"), topics.get("alerts_topic"), topics.get("late_topic"),
                topics.get("dead_letter_topic"), guarantee, interval, checkpointDir, prefix);
    }

    /**
     * The four topics by key, each checked against the sources' topics and the other outputs, by Kafka's own
     * comparison ({@link KafkaTopicRule#collisionName}: names that differ only in '.' against '_' collide).
     */
    private Map<String, String> readTopics(SpecNode outputs) {
        Map<String, String> sourceTopics = new LinkedHashMap<>();
        sourceByTopic.keySet().forEach(t -> sourceTopics.putIfAbsent(KafkaTopicRule.collisionName(t), t));
        Map<String, String> outputTopics = new LinkedHashMap<>();
        Map<String, String> keyByTopic = new LinkedHashMap<>();
        Map<String, String> topics = new LinkedHashMap<>();
        for (String key : List.of("scores_topic", "alerts_topic", "late_topic", "dead_letter_topic")) {
            SpecNode node = outputs.get(key);
            String topic = KafkaTopicRule.readRequired(node, TOPIC_EXAMPLES.get(key));
            topics.put(key, topic);
            if (topic == null) {
                continue;
            }
            String fix = "choose a topic that no source reads and no other output uses, e.g. `"
                    + pipelineName + "-" + TOPIC_EXAMPLES.get(key) + "`";
            String collision = KafkaTopicRule.collisionName(topic);
            String sourceTopic = sourceTopics.get(collision);
            String outputTopic = outputTopics.get(collision);
            if (sourceTopic != null) {
                node.error("topic '" + topic + "' is " + sameAs(topic, sourceTopic) + "read by source '"
                        + sourceByTopic.get(sourceTopic) + "'; results would be fed back into the pipeline", fix);
            } else if (outputTopic != null) {
                node.error("topic '" + topic + "' is " + sameAs(topic, outputTopic) + "outputs."
                        + keyByTopic.get(outputTopic) + "; each output needs its own topic", fix);
            } else {
                outputTopics.put(collision, topic);
                keyByTopic.put(topic, key);
            }
        }
        return topics;
    }

    private static String sameAs(String topic, String other) {
        return topic.equals(other) ? "also " : "to Kafka the same as '" + other + "' ('.' and '_' collide in topic "
                + "names), which is ";
    }

    /** A URI as written, or a plain path made an absolute file:// URI; {@code null} lets the runtime choose. */
    private String readCheckpointDir(SpecNode node) {
        String written = node.text();
        if (written == null) {
            return null;
        }
        String dir = written.trim();
        String fix = "write a URI such as `file:///var/lib/streamscore/checkpoints` or `s3://bucket/checkpoints`, "
                + "or a path (relative to the spec's folder), or leave it out to let the runtime choose";
        try {
            if (dir.contains("://")) {
                return new URI(dir).toString();
            }
            if (SCHEME_WITHOUT_SLASHES.matcher(dir).matches()) {
                // Else `s3:bucket/x` would become a local folder named `s3:bucket` beside the spec.
                node.error("'" + written + "' starts like a URI but lacks '//' after the scheme",
                        "write e.g. `" + dir.replaceFirst(":/*", "://") + "`, or a path without a colon");
                return null;
            }
            if (!dir.isEmpty()) {
                String uri = baseDir.resolve(dir).toAbsolutePath().normalize().toUri().toString();
                return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
            }
            node.error("checkpoint_dir is empty", fix);
        } catch (URISyntaxException | InvalidPathException e) {
            node.error("'" + written + "' is not a valid URI or path: " + e.getMessage(), fix);
        }
        return null;
    }

    private String readTransactionalIdPrefix(SpecNode node) {
        String prefix = node.text(TRANSACTIONAL_ID_PREFIX_START + pipelineName);
        if (prefix != null && (prefix.isBlank() || prefix.chars().anyMatch(Character::isWhitespace))) {
            node.error("transactional id prefix '" + prefix + "' is blank or contains whitespace",
                    "write a prefix unique to this pipeline on the cluster without spaces, e.g. `"
                            + TRANSACTIONAL_ID_PREFIX_START + pipelineName + "`, or leave it out for that default");
            return null;
        }
        if (prefix != null && prefix.length() > MAX_TRANSACTIONAL_ID_PREFIX) {
            node.error("transactional id prefix is " + prefix.length() + " characters long, more than the maximum "
                    + MAX_TRANSACTIONAL_ID_PREFIX + " (Kafka refuses the producer's ids made of it)",
                    "write a shorter prefix unique to this pipeline on the cluster, e.g. `"
                            + TRANSACTIONAL_ID_PREFIX_START + pipelineName + "`, or leave it out for that default");
            return null;
        }
        return prefix;
    }
}

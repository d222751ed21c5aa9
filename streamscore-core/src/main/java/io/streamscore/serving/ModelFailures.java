package io.streamscore.serving;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code serve} answers and logs when a model version throws while scoring a request it accepted: the request
 * was well-formed (the reader checked it against the model's signature), so the failure is the server's, a 500
 * (gRPC {@code INTERNAL}) naming the model, the version and the failure, without a stack trace. The operator gets
 * the stack trace in the log once per distinct cause (exception class and message), not once per request: a model
 * that fails every request would otherwise write a trace per request. At most {@link #MAX_CAUSES} causes are
 * remembered per version, so a message that differs each time cannot flood the log or grow the set; past that, one
 * line says further causes are not logged. Used by the one batcher thread of its version only, so not thread-safe.
 */
final class ModelFailures {
    static final int MAX_CAUSES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(ModelFailures.class);

    private final String model;
    private final BiConsumer<String, Throwable> log;
    private final Set<String> logged = new HashSet<>();
    private boolean overflowed;

    ModelFailures(String name, int version) {
        this(name, version, LOG::warn);
    }

    ModelFailures(String name, int version, BiConsumer<String, Throwable> log) {
        this.model = "model '" + name + "' version " + version;
        this.log = log;
    }

    /** The answer to every request of a batch the model failed with {@code failure}; logs a new cause. */
    InferenceException failed(Throwable failure) {
        String cause = failure.toString();
        if (!logged.contains(cause)) {
            if (logged.size() < MAX_CAUSES) {
                logged.add(cause);
                log.accept(model + " failed scoring a batch (its requests answer 500; each distinct cause is "
                        + "logged once)", failure);
            } else if (!overflowed) {
                overflowed = true;
                log.accept(model + " failed with " + MAX_CAUSES + " distinct causes; further ones answer 500 "
                        + "without being logged, the first of them: " + cause, null);
            }
        }
        return new InferenceException(500, model + " failed scoring the request: " + cause);
    }
}

package io.streamscore.serving.client;

/** Scores an event the remote server could not; called from client threads, so implementations are thread-safe. */
@FunctionalInterface
public interface FallbackScorer {
    RemoteScore score(double[] row);

    /** The flagged default score, version unknown. */
    static FallbackScorer constant(double score) {
        RemoteScore result = new RemoteScore(score, null, true);
        return row -> result;
    }
}

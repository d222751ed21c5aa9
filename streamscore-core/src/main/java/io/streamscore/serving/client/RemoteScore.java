package io.streamscore.serving.client;

/**
 * One event's score from the remote model, or from the fallback.
 *
 * @param score        the score
 * @param modelVersion the version that scored it, as the server or the fallback names it (null if unknown)
 * @param fallback     true when the server did not score it (down, slow, refusing, breaker open)
 */
public record RemoteScore(double score, String modelVersion, boolean fallback) {}

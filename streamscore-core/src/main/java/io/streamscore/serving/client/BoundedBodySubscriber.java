package io.streamscore.serving.client;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into one array, up to {@code limit} bytes: a body that runs past it cancels the exchange (which
 * closes its connection) and fails with a {@link RemoteCallException} that is not retried, instead of filling the
 * TaskManager's heap with whatever a wrong URL or a wrong server sends. The gRPC client's inbound message limit does
 * the same for {@code grpc://}.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final String from;
    private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;

    BoundedBodySubscriber(long limit, String from) {
        this.limit = limit;
        this.from = from;
        bytes.getBody().whenComplete((array, error) -> {
            if (error != null) {
                body.completeExceptionally(error);
            } else {
                body.complete(array);
            }
        });
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        bytes.onSubscribe(newSubscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : item) {
            received += buffer.remaining();
        }
        if (received > limit) {
            subscription.cancel();
            body.completeExceptionally(new RemoteCallException("the response from " + from + " runs past "
                    + (limit >> 20) + " MiB, far more than scores for a batch; is the URL a model server's?", false,
                    false, null));
            return;
        }
        bytes.onNext(item);
    }

    @Override
    public void onError(Throwable error) {
        bytes.onError(error);
    }

    @Override
    public void onComplete() {
        bytes.onComplete();
    }
}

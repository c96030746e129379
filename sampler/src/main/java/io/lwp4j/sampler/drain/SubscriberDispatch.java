package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.decode.Decoder;
import java.util.Arrays;

/**
 * The pipeline's handler for in-process subscribers: decodes each record once and hands it
 * to every subscriber, each call isolated from the others.
 *
 * <p>The subscriber list is copy-on-write: {@link #add}/{@link #remove} (any thread, rare)
 * publish a new array through a volatile field, the dispatch thread reads it once per batch.
 */
final class SubscriberDispatch implements DrainHandler {
    private static final Subscription[] NONE = new Subscription[0];
    private final Decoder decoder = new Decoder();
    private volatile Subscription[] subscriptions = NONE;
    private Subscription[] batch = NONE;
    /** The stage running this dispatch: woken when the first subscriber arrives. */
    private volatile HandlerStage stage;

    void runOn(HandlerStage s) {
        stage = s;
    }

    synchronized Subscription add(RecordSubscriber subscriber) {
        Subscription s = new Subscription(subscriber, this);
        Subscription[] now = Arrays.copyOf(subscriptions, subscriptions.length + 1);
        now[now.length - 1] = s;
        subscriptions = now;
        HandlerStage st = stage;
        if (st != null) st.attach();
        return s;
    }

    synchronized void remove(Subscription s) {
        Subscription[] now = Arrays.stream(subscriptions).filter(x -> x != s).toArray(Subscription[]::new);
        subscriptions = now;
    }

    @Override
    public boolean isActive() {
        return subscriptions.length > 0;
    }

    @Override
    public void onBatchStart(long size) {
        batch = subscriptions;
    }

    @Override
    public void onRecord(DrainedRecord record) {
        Subscription[] subs = batch;
        if (subs.length == 0) return;
        deliver(subs, decoder.decode(record), RecordSubscriber::onRecord);
    }

    @Override
    public void onRecordsLost(RecordsLost notice) {
        deliver(batch, notice, RecordSubscriber::onRecordsLost);
    }

    /**
     * Hands {@code item} to every subscriber, counting each call and each throw apart. The
     * method references capture nothing, so the drain's path allocates nothing for them.
     */
    private static <T> void deliver(Subscription[] subs, T item, SubscriberCall<T> call) {
        for (Subscription s : subs) {
            s.countDelivered();
            try {
                call.to(s.subscriber(), item);
            } catch (Throwable t) {
                s.countFailure(t);
            }
        }
    }

    /** One of {@link RecordSubscriber}'s methods, which may throw anything. */
    @FunctionalInterface
    private interface SubscriberCall<T> {
        void to(RecordSubscriber subscriber, T item) throws Exception;
    }
}

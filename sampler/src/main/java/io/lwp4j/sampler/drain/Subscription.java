package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.Warnings;
import java.util.concurrent.atomic.AtomicLong;

/** One subscriber's registration: its counts, and {@link #close()} to stop receiving. */
public final class Subscription implements AutoCloseable {
    private final RecordSubscriber subscriber;
    private final SubscriberDispatch dispatch;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    Subscription(RecordSubscriber subscriber, SubscriberDispatch dispatch) {
        this.subscriber = subscriber;
        this.dispatch = dispatch;
    }

    RecordSubscriber subscriber() {
        return subscriber;
    }

    /** Called by the dispatch thread only: plain read-modify-write, published with release. */
    void countDelivered() {
        delivered.setRelease(delivered.getPlain() + 1);
    }

    void countFailure(Throwable t) {
        if (failures.getAndIncrement() == 0) {
            Warnings.warnOnce("subscriber-" + System.identityHashCode(subscriber), "lwp4j record subscriber "
                    + subscriber + " threw " + t + "; it stays subscribed, failures are counted on its Subscription");
        }
    }

    /** Records and notices handed to the subscriber (including those it threw on). */
    public long delivered() {
        return delivered.get();
    }

    /** Calls that threw. */
    public long failures() {
        return failures.get();
    }

    /** Stops delivery; records already being dispatched may still arrive. */
    @Override
    public void close() {
        dispatch.remove(this);
    }
}

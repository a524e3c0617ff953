package dev.junction.domain.http;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A subscription to a body whose publisher can lend its buffers instead of giving them away. Copying a streamed
 * body into fresh heap arrays costs an allocation, a garbage collection and, on the way to a socket, one more copy
 * into a direct buffer; reused direct buffers cost none of these. Reuse is only safe when the last holder of a buffer
 * says when it is done with it, so lending is opt-in: a subscriber that writes what it receives and keeps nothing
 * calls {@link #borrow()}, and then hands every buffer it got back through {@link #giveBack}, exactly once, whether
 * the bytes were written or dropped. A body that wraps another passes the lending on only if it hands buffers
 * through unchanged.
 */
public interface LendingSubscription extends Flow.Subscription {
    /** From now on, buffers delivered are lent: each must come back through {@link #giveBack}. */
    void borrow();

    /**
     * A delivered buffer its subscriber no longer uses (its bytes written, or dropped). Buffers delivered before
     * {@link #borrow()} may be given back too; the publisher ignores those it did not lend.
     */
    void giveBack(ByteBuffer buffer);

    /** {@code s} lending through {@code wrapper} when it lends at all: {@code wrapper} as a lending subscription. */
    static Flow.Subscription passing(Flow.Subscription s, Flow.Subscription wrapper) {
        if (!(s instanceof LendingSubscription lending)) {
            return wrapper;
        }
        return new LendingSubscription() {
            @Override
            public void borrow() {
                lending.borrow();
            }

            @Override
            public void giveBack(ByteBuffer buffer) {
                lending.giveBack(buffer);
            }

            @Override
            public void request(long n) {
                wrapper.request(n);
            }

            @Override
            public void cancel() {
                wrapper.cancel();
            }
        };
    }
}

package uk.gov.channelpolicy.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of request bodies the server holds at once, across every connection. Bodies are read whole before a
 * request is handled (so a slow one holds no thread), and this bounds what they can take of the heap together.
 */
final class BodyBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();

    /**
     * A budget of this many bytes.
     *
     * @param limit the most bytes of bodies held at once
     */
    BodyBudget(long limit) {
        this.limit = limit;
    }

    /**
     * Takes bytes from the budget, if it has them.
     *
     * @param bytes how many
     * @return false, taking nothing, when that would pass the limit
     */
    boolean take(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /**
     * Gives bytes back, once the body that held them is done with.
     *
     * @param bytes how many, as taken
     */
    void giveBack(long bytes) {
        held.addAndGet(-bytes);
    }

    /**
     * The bytes held now.
     *
     * @return bytes
     */
    long held() {
        return held.get();
    }
}

package org.pensim.registry.http;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a member stops without failing anyone: from {@link #begin()} on, new API requests get 503 with
 * Retry-After and {@code Connection: close} (the client retries on another member), while the requests
 * already taken run to their answer; {@link #await} waits for them before the member leaves the cluster.
 */
public final class Drain {

    /** What a refused client is asked to wait before it retries (here or, better, on another member). */
    static final int RETRY_AFTER_SECONDS = 1;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    void admit(RoutingContext ctx) {
        if (draining.get()) {
            ctx.response().putHeader("Connection", "close");
            ApiProblem.send(ctx, new ApiProblem(503, "member-stopping", "Service unavailable",
                    "this registry member is stopping; nothing was done: retry in " + RETRY_AFTER_SECONDS
                            + " s, or now on another member").retryAfter(RETRY_AFTER_SECONDS));
            return;
        }
        if (!ctx.request().path().endsWith("/stream")) {
            // An inbox stream stays open as long as its reader wants: it is closed with the server, not waited for.
            inFlight.incrementAndGet();
            ctx.addEndHandler(v -> answered());
        }
        ctx.next();
    }

    private void answered() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Starts refusing new requests. */
    public void begin() {
        draining.set(true);
    }

    public boolean draining() {
        return draining.get();
    }

    /** Requests taken and not answered yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Waits until every request taken before {@link #begin()} is answered; false if {@code timeout} passed first. */
    public synchronized boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (inFlight.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}

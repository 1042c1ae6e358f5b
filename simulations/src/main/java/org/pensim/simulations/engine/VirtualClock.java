package org.pensim.simulations.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Simulated time: moved by the event loop, read by every component that would read a clock. */
public final class VirtualClock extends Clock {

    private Instant now;

    public VirtualClock(Instant start) {
        this.now = start;
    }

    public void advanceTo(Instant t) {
        if (t.isBefore(now)) {
            throw new IllegalStateException("time cannot go back from " + now + " to " + t);
        }
        now = t;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

package org.pensim.protocol.screening;

import java.time.Duration;

/**
 * The project's headline measure: how long after its submission a notification was flagged, in
 * simulated time (the injected clock) and in wall-clock time (real processing).
 */
public record TimeToFlag(Duration simulated, Duration wallClock) {

    public double simulatedHours() {
        return simulated.toNanos() / 3.6e12;
    }
}

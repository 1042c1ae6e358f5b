package org.pensim.simulations.exercise;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Exercise time: simulated time tied to the wall clock at a speed the trainer can change, pause and
 * resume. Every node, the registry and the injects read it, so that all of them agree on "now".
 */
public final class ExerciseClock extends Clock {

    private final Clock wall;
    private Instant anchorSimulated;
    private Instant anchorWall;
    private double speed;
    private boolean paused;

    /** @param speed simulated seconds per wall second (720 = one simulated day in two minutes) */
    public ExerciseClock(Clock wall, Instant start, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, was " + speed);
        }
        this.wall = wall;
        this.anchorSimulated = start;
        this.anchorWall = wall.instant();
        this.speed = speed;
    }

    /** The speed that makes one simulated day last {@code minutes} wall minutes. */
    public static double speedForMinutesPerDay(double minutes) {
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("minutes per simulated day must be positive, was " + minutes);
        }
        return 24 * 60 / minutes;
    }

    @Override
    public synchronized Instant instant() {
        if (paused) {
            return anchorSimulated;
        }
        long wallNanos = Duration.between(anchorWall, wall.instant()).toNanos();
        return anchorSimulated.plusNanos((long) (wallNanos * speed));
    }

    public synchronized void pause() {
        if (!paused) {
            reanchor();
            paused = true;
        }
    }

    public synchronized void resume() {
        if (paused) {
            anchorWall = wall.instant();
            paused = false;
        }
    }

    /** Changes the speed from now on; time already passed stays as it was. */
    public synchronized void setSpeed(double newSpeed) {
        if (!(newSpeed > 0)) {
            throw new IllegalArgumentException("speed must be positive, was " + newSpeed);
        }
        reanchor();
        speed = newSpeed;
    }

    public synchronized double speed() {
        return speed;
    }

    public synchronized boolean paused() {
        return paused;
    }

    /** Wall time until the simulated instant {@code t} at the current speed (zero if past or paused forever). */
    public synchronized Duration wallTimeUntil(Instant t) {
        Duration sim = Duration.between(instant(), t);
        if (sim.isNegative()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (sim.toNanos() / speed));
    }

    private void reanchor() {
        Instant now = instant();
        anchorWall = wall.instant();
        anchorSimulated = now;
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

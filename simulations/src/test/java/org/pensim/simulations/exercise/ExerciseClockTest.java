package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExerciseClockTest {

    /** A wall clock the test moves by hand. */
    static final class Wall extends Clock {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");

        void pass(Duration d) {
            now = now.plus(d);
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

    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void one_simulated_day_passes_in_two_wall_minutes_at_the_default_pace() {
        Wall wall = new Wall();
        ExerciseClock clock = new ExerciseClock(wall, START, ExerciseClock.speedForMinutesPerDay(2));
        wall.pass(Duration.ofMinutes(2));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofDays(1)));
        assertThat(clock.wallTimeUntil(START.plus(Duration.ofDays(2)))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void pausing_freezes_exercise_time_and_resuming_goes_on_from_where_it_stopped() {
        Wall wall = new Wall();
        ExerciseClock clock = new ExerciseClock(wall, START, 720);
        wall.pass(Duration.ofSeconds(10));
        clock.pause();
        Instant frozen = clock.instant();
        assertThat(frozen).isEqualTo(START.plus(Duration.ofHours(2)));
        wall.pass(Duration.ofMinutes(30));
        assertThat(clock.instant()).isEqualTo(frozen);
        clock.resume();
        wall.pass(Duration.ofSeconds(5));
        assertThat(clock.instant()).isEqualTo(frozen.plus(Duration.ofHours(1)));
    }

    @Test
    void a_new_speed_applies_from_now_without_moving_time_already_passed() {
        Wall wall = new Wall();
        ExerciseClock clock = new ExerciseClock(wall, START, 720);
        wall.pass(Duration.ofSeconds(60));
        Instant before = clock.instant();
        clock.setSpeed(60);
        assertThat(clock.instant()).isEqualTo(before);
        wall.pass(Duration.ofSeconds(60));
        assertThat(clock.instant()).isEqualTo(before.plus(Duration.ofHours(1)));
        // a speed change while paused takes effect on resume, and time does not jump
        clock.pause();
        Instant paused = clock.instant();
        clock.setSpeed(3600);
        wall.pass(Duration.ofSeconds(10));
        assertThat(clock.instant()).isEqualTo(paused);
        clock.resume();
        wall.pass(Duration.ofSeconds(1));
        assertThat(clock.instant()).isEqualTo(paused.plus(Duration.ofHours(1)));
    }

    @Test
    void a_speed_that_is_not_positive_is_refused() {
        assertThatThrownBy(() -> new ExerciseClock(new Wall(), START, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> ExerciseClock.speedForMinutesPerDay(-1)).hasMessageContaining("positive");
    }
}

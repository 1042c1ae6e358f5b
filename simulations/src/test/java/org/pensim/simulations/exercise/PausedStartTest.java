package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An exercise started paused (pensim exercise --paused) keeps its time stopped, and its scheduled injects unfired,
 * until the trainer resumes it: the room can sign in and read the briefing first.
 */
class PausedStartTest {

    @Test
    void time_and_scheduled_injects_wait_for_the_trainers_resume() throws Exception {
        // The two-country exercise with its first inject due at the very start (day 0), at its fastest pace.
        Path file = Files.createTempFile("two-country-at-start", ".yaml");
        Files.writeString(file, Files.readString(Path.of("exercises/two-country.yaml")).replace("atDay: 0.2", "atDay: 0"));
        ExercisePlan plan = ExercisePlanLoader.load(file).withMinutesPerDay(0.1);
        assertThat(plan.inject("front-company-pse").atDay()).isZero();
        try (Exercise exercise = Exercise.start(plan, Files.createTempDirectory("pensim-paused"), Clock.systemUTC(), true)) {
            assertThat(exercise.clock().paused()).isTrue();
            Instant stopped = exercise.clock().instant();
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> exercise.clock().instant().equals(stopped) && exercise.firedInjects().isEmpty());

            exercise.resume("Trainer");
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> exercise.firedInjects().containsKey("front-company-pse"));
            assertThat(exercise.clock().instant()).isAfter(stopped);
        }
    }
}

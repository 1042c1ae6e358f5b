package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exercise and replay commands refuse bad input with one line and a non-zero exit. */
class ExerciseCommandTest {

    @TempDir
    Path dir;

    @Test
    void a_missing_exercise_file_is_one_line_and_exit_two() {
        CliRun r = CliRun.of("exercise", dir.resolve("nope.yaml").toString(), "--port", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("nope.yaml does not exist");
    }

    @Test
    void an_invalid_exercise_names_the_field() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "name: x\ncountries: [{code: DE}]\nparticipants: [{name: T, role: TRAINER}]\n");
        CliRun r = CliRun.of("exercise", f.toString(), "--port", "0", "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("countries: name at least two countries");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void a_bad_pace_is_refused_before_anything_starts() {
        CliRun r = CliRun.of("exercise", "exercises/two-country.yaml", "--minutes-per-day", "0", "--out",
                dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--minutes-per-day must be 0.1 to 1440");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void an_output_directory_that_holds_an_earlier_exercise_is_refused() throws Exception {
        Files.writeString(dir.resolve("recording.jsonl"), "{}\n");
        CliRun r = CliRun.of("exercise", "exercises/two-country.yaml", "--port", "0", "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("already holds a recorded exercise");
    }

    @Test
    void replaying_something_that_is_not_a_recording_is_refused() throws Exception {
        Path f = dir.resolve("recording.jsonl");
        Files.writeString(f, "{\"hello\": 1}\nnot json\n");
        CliRun r = CliRun.of("replay", f.toString(), "--debrief-only");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("not a recorded event");
    }
}

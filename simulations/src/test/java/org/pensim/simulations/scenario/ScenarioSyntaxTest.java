package org.pensim.simulations.scenario;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.simulations.scenario.ScenarioLoader.ScenarioException;

/** A scenario that is not YAML, or not a scenario's shape, is said in one line of plain words with its line. */
class ScenarioSyntaxTest {

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static String training() throws Exception {
        return Files.readString(Path.of("scenarios/training.yaml"));
    }

    @Test
    void an_empty_file_or_a_list_is_not_a_scenario() throws Exception {
        assertThatThrownBy(() -> ScenarioLoader.load(write("empty.yaml", ""))).isInstanceOf(ScenarioException.class)
                .hasMessageEndingWith("empty.yaml: the file is empty: the file gives its fields, one per line (name: ..., "
                        + "start: ..., durationDays: ...)");
        assertThatThrownBy(() -> org.pensim.simulations.exercise.ExercisePlanLoader.load(write("plan.yaml", "")))
                .as("an exercise plan too").isInstanceOf(ScenarioException.class).hasMessageEndingWith("plan.yaml: the file is empty: "
                        + "the file gives its fields, one per line (name: ..., start: ..., durationDays: ...)");
        assertThatThrownBy(() -> ScenarioLoader.load(write("list.yaml", "- a\n- b\n"))).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("list.yaml: not a YAML mapping of fields").hasMessageNotContaining("ClassCast");
    }

    @Test
    void a_date_that_does_not_exist_is_named_as_a_date() throws Exception {
        Path f = write("date.yaml", training().replaceFirst("(?m)^start: .*$", "start: 2026-13-05"));
        assertThatThrownBy(() -> ScenarioLoader.load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("field start: \"2026-13-05\" is not a date (YYYY-MM-DD): Invalid value for MonthOfYear")
                .hasMessageNotContaining("java.time").hasMessageNotContaining("Cannot deserialize");
        Path word = write("word.yaml", training().replaceFirst("(?m)^start: .*$", "start: tomorrow"));
        assertThatThrownBy(() -> ScenarioLoader.load(word)).isInstanceOf(ScenarioException.class)
                .hasMessageEndingWith("field start: \"tomorrow\" is not a date (YYYY-MM-DD)");
    }

    @Test
    void a_yaml_syntax_error_gives_its_line_and_column_in_one_line() throws Exception {
        Path f = write("indent.yaml", "name: x\nseed: 3\nreplications: 1\n  flagThreshold: 0.5\n");
        assertThatThrownBy(() -> ScenarioLoader.load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("indent.yaml: line 4, column ").hasMessageContaining("mapping values are not allowed here")
                .hasMessageNotContaining("\n").hasMessageNotContaining("reader");
    }
}

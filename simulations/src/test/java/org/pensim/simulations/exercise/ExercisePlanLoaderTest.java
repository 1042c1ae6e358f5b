package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.simulations.scenario.ScenarioLoader.ScenarioException;

class ExercisePlanLoaderTest {

    @TempDir
    Path dir;

    @Test
    void every_shipped_exercise_loads() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("exercises"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> {
                ExercisePlan p = ExercisePlanLoader.load(f);
                assertThat(p.participants()).anyMatch(x -> x.role() == ExercisePlan.ParticipantRole.TRAINER);
                assertThat(p.injects()).isNotEmpty();
            });
        }
    }

    @Test
    void defaults_fill_what_the_trainer_left_out() throws IOException {
        Path f = write("name: tiny\ncountries: [{code: DE}, {code: IN}]\nparticipants: [{name: T, role: TRAINER}]\n");
        ExercisePlan p = ExercisePlanLoader.load(f);
        assertThat(p.minutesPerDay()).isEqualTo(2);
        assertThat(p.durationDays()).isEqualTo(10);
        assertThat(p.replyDeadlineDays()).as("scaled to the exercise: a deadline that can be missed").isEqualTo(3);
        assertThat(p.briefing().objectives()).isEmpty();
        assertThat(p.flagThreshold()).isEqualTo(0.5);
        assertThat(p.injects()).isEmpty();
    }

    @Test
    void the_nodes_settings_come_from_the_defaults_file_and_a_plan_changes_only_what_it_names() throws IOException {
        Path base = write("name: tiny\ncountries: [{code: DE}, {code: IN}]\nparticipants: [{name: T, role: TRAINER}]\n");
        ExercisePlan.Nodes defaults = ExercisePlanLoader.load(base).nodes();
        assertThat(defaults.transitHubsOfConcern()).containsExactly("AF", "MM", "LA", "SY", "YE");
        assertThat(defaults.exporterRetry()).isEqualTo(new ExercisePlan.Retry(200L, 5000L));
        assertThat(defaults.playedCountryClearBelow()).isEqualTo(0.3);

        Path some = write(Files.readString(base) + "nodes: {transitHubsOfConcern: [AE], exporterRetry: {maxMillis: 1000}}\n");
        ExercisePlan.Nodes changed = ExercisePlanLoader.load(some).nodes();
        assertThat(changed.transitHubsOfConcern()).containsExactly("AE");
        assertThat(changed.exporterRetry()).isEqualTo(new ExercisePlan.Retry(200L, 1000L));
        assertThat(changed.playedCountryClearBelow()).isEqualTo(0.3);

        Path bad = write(Files.readString(base)
                + "nodes: {transitHubsOfConcern: [AE, Syria, ~, ir], exporterRetry: {initialMillis: 9000}, playedCountryClearBelow: -1}\n");
        assertThatThrownBy(() -> ExercisePlanLoader.load(bad)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("nodes.transitHubsOfConcern: 'Syria' is not an ISO 3166-1 alpha-2 country code")
                .hasMessageContaining("nodes.transitHubsOfConcern: 'null' is not an ISO 3166-1 alpha-2 country code")
                .hasMessageContaining("nodes.transitHubsOfConcern: 'ir' is not an ISO 3166-1 alpha-2 country code (did you mean 'IR'?)")
                .hasMessageContaining("nodes.exporterRetry: initialMillis must be at least 1 and maxMillis at least initialMillis")
                .hasMessageContaining("nodes.playedCountryClearBelow: must be 0 or more");
    }

    @Test
    void a_value_of_the_wrong_kind_is_said_in_plain_words() throws IOException {
        String base = "name: tiny\ncountries: [{code: DE}, {code: IN}]\nparticipants: [{name: T, role: TRAINER}]\n";
        Path word = write(base + "nodes:\n  playedCountryClearBelow: high\n");
        assertThatThrownBy(() -> ExercisePlanLoader.load(word)).isInstanceOf(ScenarioException.class)
                .hasMessageEndingWith("line 5, field nodes.playedCountryClearBelow: \"high\" is not a number");
        Path one = write(base + "nodes:\n  transitHubsOfConcern: AE\n");
        assertThatThrownBy(() -> ExercisePlanLoader.load(one)).isInstanceOf(ScenarioException.class)
                .hasMessageEndingWith("line 5, field nodes.transitHubsOfConcern: 'AE' is one value where a list is wanted: write [AE]");
        Path fraction = write(base + "durationDays: ten\n");
        assertThatThrownBy(() -> ExercisePlanLoader.load(fraction)).isInstanceOf(ScenarioException.class)
                .hasMessageEndingWith("field durationDays: \"ten\" is not a whole number");
    }

    @Test
    void a_reply_deadline_longer_than_the_exercise_is_refused() throws IOException {
        Path f = write("name: tiny\ndurationDays: 5\nreplyDeadlineDays: 15\ncountries: [{code: DE}, {code: IN}]\n"
                + "participants: [{name: T, role: TRAINER}]\n");
        assertThatThrownBy(() -> ExercisePlanLoader.load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("replyDeadlineDays: must be 1 to durationDays");
    }

    @Test
    void a_value_check_names_the_line_of_its_field() throws IOException {
        Path f = write("""
                name: tiny
                countries:
                  - code: DE
                  - code: IN
                    clearBelow: 0.9
                    objectAbove: 0.2
                participants: [{name: T, role: TRAINER}]
                injects:
                  - {id: a, kind: SHIPMENT, from: DE, to: IN, substance: ephedrine, quantityKg: 10, expected: OBJECTION}
                  - id: b
                    kind: SHIPMENT
                    from: DE
                    to: ir
                    substance: ephedrine
                    quantityKg: 10
                    expected: OBJECTION
                """);
        assertThatThrownBy(() -> ExercisePlanLoader.load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("line 4, countries[1]: objectAbove must not be below clearBelow")
                .hasMessageContaining("line 13, injects[1].to: 'ir' is not an ISO 3166-1 alpha-2 country code (did you mean 'IR'?)")
                .hasMessageContaining("line 10, injects[1]: a shipment goes between two of the exercise's countries");
    }

    @Test
    void an_unknown_field_names_its_line() throws IOException {
        Path f = write("name: tiny\ncountries: [{code: DE}, {code: IN}]\nparticipants: [{name: T, role: TRAINER}]\nspeedy: 3\n");
        assertThatThrownBy(() -> ExercisePlanLoader.load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("line 4").hasMessageContaining("unknown field 'speedy'");
    }

    @Test
    void every_mistake_of_a_plan_is_named_with_its_field() throws IOException {
        Path f = write("""
                name: Bad Name
                countries: [{code: DE}, {code: XX}]
                participants: [{name: P, country: FR, role: OFFICER}]
                injects:
                  - {id: a, kind: SHIPMENT, from: DE, to: FR, substance: unobtainium, quantityKg: -1}
                  - {id: a, kind: INFORMATION_REQUEST, from: DE, to: DE, substance: acetone, quantityKg: 5}
                  - {id: c, kind: INCIDENT, from: NG, to: DE}
                """);
        assertThatThrownBy(() -> ExercisePlanLoader.load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("name: required, lower-case")
                .hasMessageContaining("countries[1].code: 'XX' is not an ISO 3166-1")
                .hasMessageContaining("participants[0].country: an officer plays one of the exercise's countries")
                .hasMessageContaining("participants: name at least one TRAINER")
                .hasMessageContaining("injects[0]: a shipment goes between two of the exercise's countries")
                .hasMessageContaining("injects[0].expected")
                .hasMessageContaining("injects[0].substance")
                .hasMessageContaining("injects[0].quantityKg")
                .hasMessageContaining("injects[1].id: 'a' is used twice")
                .hasMessageContaining("injects[1].to: the requesting partner must be outside")
                .hasMessageContaining("injects[2].entity");
    }

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("exercise.yaml");
        Files.writeString(f, yaml);
        return f;
    }
}

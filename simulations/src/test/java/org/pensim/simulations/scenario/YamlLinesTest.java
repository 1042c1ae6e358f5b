package org.pensim.simulations.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlLinesTest {

    @Test
    void keys_list_items_and_flow_values_have_their_own_lines(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("p.yaml");
        Files.writeString(f, """
                name: x          # 1
                world:
                  defaults:
                    clearBelow: 0.2
                  overrides:
                    IR: {clearBelow: 0.4}
                injects:
                  - id: a
                    transit: [AE, IR]
                  -
                    id: b
                """);
        YamlLines lines = YamlLines.of(f);
        assertThat(lines.line("name")).hasValue(1);
        assertThat(lines.line("world.defaults.clearBelow")).hasValue(4);
        assertThat(lines.line("world.overrides.IR.clearBelow")).as("the same key, elsewhere").hasValue(6);
        assertThat(lines.line("injects[0]")).hasValue(8);
        assertThat(lines.line("injects[0].transit[1]")).hasValue(9);
        assertThat(lines.line("injects[1].id")).hasValue(11);
        assertThat(lines.line("injects[1].atDay")).as("a default: the first key of the item that leaves it out").hasValue(11);
        assertThat(lines.line("seed")).isEmpty();
    }

    @Test
    void problems_get_the_line_of_the_path_they_begin_with(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("p.yaml");
        Files.writeString(f, "name: x\ncountries: [{code: DE}]\n");
        assertThat(YamlLines.of(f).located(List.of("countries[0].code: bad", "participants: name a TRAINER", "name: ok")))
                .containsExactly("line 2, countries[0].code: bad", "participants: name a TRAINER", "line 1, name: ok");
    }

    @Test
    void a_file_that_cannot_be_read_gives_no_lines(@TempDir Path tmp) {
        assertThat(YamlLines.of(tmp.resolve("gone.yaml")).located(List.of("name: bad"))).containsExactly("name: bad");
    }
}

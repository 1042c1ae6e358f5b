package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.protocol.officer.OfficerSettings;
import org.pensim.protocol.officer.PasswordHash;

class OfficerCommandTest {

    @TempDir
    Path dir;

    @Test
    void the_printed_account_entry_is_what_a_node_configuration_reads_and_signs_in_with() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "lemon tree 42\n");
        CliRun run = CliRun.of("officer", "hash-password", "--username", "m.dubois", "--name", "Marie \"Mimi\" Dubois",
                "--password-file", password.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // The importer's configuration loader reads the entry as printed.
        Path config = Files.writeString(dir.resolve("importer.yaml"), "officers:\n  accounts:\n"
                + run.out().lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n"));
        OfficerSettings officers = org.pensim.importer.config.ImporterConfig.load(config, java.util.Map.of()).officers();
        assertThat(officers.accounts()).hasSize(1);
        assertThat(officers.accounts().get(0).name()).isEqualTo("Marie \"Mimi\" Dubois");
        assertThat(PasswordHash.matches("lemon tree 42".toCharArray(), officers.accounts().get(0).passwordHash())).isTrue();
    }

    @Test
    void mistakes_get_one_line_and_a_non_zero_exit() throws Exception {
        Path shortPw = Files.writeString(dir.resolve("short"), "abc\n");
        for (var c : List.of(
                new String[] {"officer", "hash-password", "--password-file", shortPw.toString()},
                new String[] {"officer", "hash-password", "--password-file", dir.resolve("none").toString()},
                new String[] {"officer", "hash-password", "--username", "x", "--password-file", shortPw.toString()},
                new String[] {"officer", "hash-password", "--username", "Bad Name", "--name", "B",
                        "--password-file", Files.writeString(dir.resolve("ok"), "long enough\n").toString()})) {
            CliRun run = CliRun.of(c);
            assertThat(run.exitCode()).as(String.join(" ", c)).isNotZero();
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).doesNotContain("Exception", "\tat ");
        }
    }
}

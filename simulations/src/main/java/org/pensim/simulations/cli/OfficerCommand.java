package org.pensim.simulations.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.pensim.protocol.officer.OfficerAccount;
import org.pensim.protocol.officer.PasswordHash;
import org.pensim.simulations.cli.PensimCommand.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Officers' accounts for the nodes' configuration. */
@Command(name = "officer", mixinStandardHelpOptions = true, description = "Officers' accounts on the authorities' nodes.",
        subcommands = OfficerCommand.HashPassword.class)
final class OfficerCommand {

    /** The shortest password accepted; NIST SP 800-63B, 5.1.1.2, asks for at least 8 characters. */
    static final int MIN_PASSWORD_LENGTH = 8;

    @Command(name = "hash-password", mixinStandardHelpOptions = true,
            description = {"Hash an officer's password (Argon2id) for the officers.accounts section of a node's configuration.",
                    "Asks for the password twice on a terminal; otherwise reads the first line of --password-file or of"
                            + " standard input. With --username and --name, prints the whole account entry: paste it, indented,"
                            + " under officers: accounts: in the node's configuration (replacing accounts: [])."})
    static final class HashPassword implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--username", paramLabel = "NAME", description = "The officer's user name (lower case).")
        String username;

        @Option(names = "--name", paramLabel = "TEXT", description = "The officer's name, recorded with each decision.")
        String name;

        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
        Path passwordFile;

        @Override
        public Integer call() throws IOException {
            if ((username == null) != (name == null)) {
                throw new CliFailure("give both --username and --name, or neither", 2);
            }
            char[] password = read();
            try {
                if (password.length < MIN_PASSWORD_LENGTH) {
                    throw new CliFailure("the password is too short: at least " + MIN_PASSWORD_LENGTH + " characters");
                }
                String hash = PasswordHash.create(password, new SecureRandom());
                if (username == null) {
                    spec.commandLine().getOut().println(hash);
                } else {
                    OfficerAccount account;
                    try {
                        account = new OfficerAccount(username, name, hash);
                    } catch (IllegalArgumentException e) {
                        throw new CliFailure(e.getMessage(), 2);
                    }
                    spec.commandLine().getOut().println("- username: " + account.username() + "\n  name: \""
                            + account.name().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n  passwordHash: \"" + hash + "\"");
                }
                spec.commandLine().getOut().flush();
                return 0;
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] read() throws IOException {
            if (passwordFile != null) {
                if (!Files.isRegularFile(passwordFile)) {
                    throw new CliFailure("password file " + passwordFile + " does not exist");
                }
                String first = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                return first.toCharArray();
            }
            java.io.Console console = System.console();
            if (console != null) {
                char[] once = console.readPassword("Password: ");
                char[] twice = console.readPassword("Again: ");
                if (once == null || !Arrays.equals(once, twice)) {
                    throw new CliFailure("the two passwords differ");
                }
                return once;
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        }
    }
}

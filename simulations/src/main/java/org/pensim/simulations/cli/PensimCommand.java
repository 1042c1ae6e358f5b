package org.pensim.simulations.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pensim} command line: one entry point for every tool of the project. */
@Command(name = "pensim",
        mixinStandardHelpOptions = true,
        versionProvider = PensimCommand.Version.class,
        description = "Simulator of the international pre-export notification (PEN) regime for drug precursors.",
        subcommands = {
                RunCommand.class,
                CalibrateCommand.class,
                SweepCommand.class,
                SensitivityCommand.class,
                DemoCommand.class,
                RegistryCommand.class,
                NodeCommands.Exporter.class,
                NodeCommands.Importer.class,
                BenchRegistryCommand.class,
                LoadCommand.class,
                ExerciseCommand.class,
                WorkerCommand.class,
                LoadAgentCommand.class,
                ReplayCommand.class,
                CaCommand.class,
                KeysCommand.class,
                AuthorityCommand.class,
                OfficerCommand.class,
                NotificationCommand.class,
                CatalogueCommand.class,
                CommandLine.HelpCommand.class
        })
public final class PensimCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Must precede any use of the common pool: on 2 cores it would otherwise have one thread.
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                    String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PensimCommand());
        cl.setExecutionExceptionHandler(PensimCommand::reportFailure);
        cl.setParameterExceptionHandler(PensimCommand::reportBadUsage);
        cl.setExecutionStrategy(PensimCommand::refuseUnknownCommands);
        return cl;
    }

    /**
     * A word picocli could not place (a command that does not exist) is a usage error naming the commands,
     * even beside --help, which would otherwise print the top-level help and exit 0.
     */
    private static int refuseUnknownCommands(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                CommandLine at = p.commandSpec().commandLine();
                String word = p.unmatched().get(0);
                PrintWriter err = at.getErr();
                if (at.getSubcommands().isEmpty() || word.startsWith("-")) {
                    err.println("pensim " + at.getCommandName() + ": unknown option or argument '" + word + "' (see --help)");
                } else {
                    java.util.List<String> visible = at.getSubcommands().entrySet().stream()
                            .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).map(java.util.Map.Entry::getKey)
                            .toList();
                    err.println("pensim: '" + word + "' is not a" + (p == parsed ? "" : " " + at.getCommandName())
                            + " command; the commands are: " + String.join(", ", visible));
                }
                err.flush();
                return 2;
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Failures are one readable line and exit 1; never a stack trace. */
    private static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.FileSystemException f) {
                message = "cannot go on: " + OutputDirectory.describe(f); // its own message is a bare path
                break;
            }
        }
        // One line, whatever the message quotes from a hostile document.
        err.println("pensim " + cl.getCommandName() + ": " + message.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " "));
        err.flush();
        return e instanceof CliFailure f ? f.exitCode() : 1;
    }

    private static int reportBadUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine at = e.getCommandLine();
        PrintWriter err = at.getErr();
        String who = at.getParent() == null ? "pensim" : "pensim " + at.getCommandName();
        String message = e.getMessage();
        // Only a command without subcommands takes options: above one, an unplaced word is a command that does not exist
        // ("pensim rnu x --out d" is about 'rnu', not '--out').
        String unknown = at.getSubcommands().isEmpty() ? unknownOption(at, args) : null;
        if (unknown != null) {
            // Said first: a misspelt option is why a required one seems missing ("--ot DIR" for "--out DIR").
            message = "unknown option '" + unknown + "'";
        } else if (e instanceof CommandLine.UnmatchedArgumentException u && !at.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            message = "'" + u.getUnmatched().get(0) + "' is not a command; the commands are: " + String.join(", ",
                    at.getSubcommands().entrySet().stream().filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden())
                            .map(java.util.Map.Entry::getKey).toList());
        }
        err.println(who + ": " + message + " (see --help)");
        err.flush();
        return 2;
    }

    /** The first word of {@code args} after the command's name that looks like an option it does not have; null if none. */
    private static String unknownOption(CommandLine at, String[] args) {
        int from = 0;
        for (CommandLine c = at; c.getParent() != null; c = c.getParent()) {
            from++; // the words naming the command (and its parents) come first
        }
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return null;
            }
            if (a.startsWith("-") && a.length() > 1 && !a.matches("-\\d.*")
                    && at.getCommandSpec().findOption(a.contains("=") ? a.substring(0, a.indexOf('=')) : a) == null) {
                return a;
            }
        }
        return null;
    }

    /** A failure with a message for the user and an exit code. */
    public static final class CliFailure extends RuntimeException {
        private final int exitCode;

        public CliFailure(String message) {
            this(message, 1);
        }

        public CliFailure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pensim " + org.pensim.simulations.measure.Manifest.version() + ", commit "
                    + org.pensim.simulations.measure.Manifest.commit()};
        }
    }
}

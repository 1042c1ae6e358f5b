package org.pensim.simulations.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Look up substances in the catalogue. */
@Command(name = "catalogue", mixinStandardHelpOptions = true, description = "Search the substance catalogue.",
        subcommands = CatalogueCommand.Find.class)
final class CatalogueCommand {

    @Command(name = "find", mixinStandardHelpOptions = true,
            description = "Find substances by id, CAS number, name or synonym (case and spaces ignored); "
                    + "shows the closest entries when nothing matches exactly.")
    static final class Find implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TEXT", arity = "1..*", description = "What to look for.")
        List<String> words;

        @Option(names = "--limit", defaultValue = "5", description = "Most entries to list (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            String text = String.join(" ", words);
            SubstanceCatalogue catalogue = SubstanceCatalogue.standard();
            PrintWriter out = spec.commandLine().getOut();
            var exact = catalogue.find(text);
            if (exact.isPresent()) {
                print(out, exact.get());
                return 0;
            }
            List<Substance> closest = catalogue.closest(text, Math.max(1, limit));
            spec.commandLine().getErr().println("no substance is called '" + text + "'; closest entries:");
            closest.forEach(s -> print(out, s));
            return 1;
        }

        private static void print(PrintWriter out, Substance s) {
            out.printf("%-28s %-12s %-12s HS %-8s %s%s%s%n", s.id(), s.cas(), s.list(), s.hsCode(), s.name(),
                    s.synonyms().isEmpty() ? "" : " (" + String.join(", ", s.synonyms()) + ")",
                    s.alrTracked() ? " [ALR]" : "");
        }
    }
}

package org.pensim.simulations.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pensim.exporter.ExporterMain;
import org.pensim.importer.ImporterMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The authorities' nodes. */
final class NodeCommands {

    private NodeCommands() {
    }

    @Command(name = "exporter", mixinStandardHelpOptions = true,
            description = "Run an exporting authority's node (outbox, signing, replies). See exporter-node/config/exporter.yaml.")
    static final class Exporter implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration; PENSIM_EXPORTER_* override it.")
        Path config;

        @Override
        public Integer call() {
            return ExporterMain.run(config);
        }
    }

    @Command(name = "importer", mixinStandardHelpOptions = true,
            description = "Run an importing authority's node (inbox, verification, screening, replies). See importer-node/config/importer.yaml.")
    static final class Importer implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration; PENSIM_IMPORTER_* override it.")
        Path config;

        @Override
        public Integer call() {
            return ImporterMain.run(config);
        }
    }
}

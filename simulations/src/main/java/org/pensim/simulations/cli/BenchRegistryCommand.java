package org.pensim.simulations.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.pensim.simulations.load.RegistryLoadDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The registry benchmark: accepted notifications a second and acknowledgement latency. */
@Command(name = "bench-registry", mixinStandardHelpOptions = true,
        description = "Start a registry cluster in a child process and drive it over HTTP with real signed notifications; "
                + "prints accepted/s and p50/p99 acknowledgement latency every 2 s, and at the end the registry's CPU "
                + "per notification beside the driver's.")
final class BenchRegistryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--members", defaultValue = "1", description = "Registry members (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--exporters", defaultValue = "8", description = "Exporting authorities (default: ${DEFAULT-VALUE}).")
    int exporters;

    @Option(names = "--concurrency", defaultValue = "64", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds, not measured (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--duration", defaultValue = "30", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--jdbc-url", description = "Database of the registry (default: an H2 file in a temporary directory).")
    String jdbcUrl;

    @Option(names = "--mutual-tls", description = "HTTPS, with the exporters authenticated by their certificates instead "
            + "of signing every request.")
    boolean mutualTls;

    @Option(names = "--consignees", defaultValue = "0", paramLabel = "N",
            description = "0 (default): one importer supplied from every exporting country, so that every notification is "
                    + "flagged globally (the worst case); N: each exporting country supplies its own N importers.")
    int consignees;

    @Option(names = "--max-screening-backlog", defaultValue = "0", paramLabel = "N",
            description = "Notifications waiting for the global indicators on a member before it answers 503 "
                    + "(back-pressure; the driver retries after Retry-After). Default: the registry's.")
    int maxScreeningBacklog;

    @Option(names = "--registry-heap", defaultValue = "8192", paramLabel = "MB",
            description = "Heap of the registry's process, in MB (default: ${DEFAULT-VALUE}). Every notification stays in "
                    + "memory, so a long or fast run fills it, and the collector's work then counts as the registry's CPU; "
                    + "a 200-s warm-up and 60-s window at 800/s use about 3 GB.")
    int registryHeapMb;

    @Override
    public Integer call() throws Exception {
        if (members < 1 || exporters < 1 || concurrency < 1 || duration < 1 || warmup < 0) {
            throw new PensimCommand.CliFailure("--members, --exporters, --concurrency and --duration must be positive");
        }
        if (consignees < 0) {
            throw new PensimCommand.CliFailure("--consignees must be 0 or more, was " + consignees);
        }
        if (maxScreeningBacklog < 0) {
            throw new PensimCommand.CliFailure("--max-screening-backlog must be 0 (the registry's default) or more, was "
                    + maxScreeningBacklog);
        }
        if (registryHeapMb < 256 || registryHeapMb > 65536) {
            throw new PensimCommand.CliFailure("--registry-heap must be 256 to 65536 MB, was " + registryHeapMb);
        }
        Path work = Files.createTempDirectory("pensim-bench-registry");
        new RegistryLoadDriver(new RegistryLoadDriver.Settings(members, exporters, concurrency, Duration.ofSeconds(warmup),
                Duration.ofSeconds(duration), work, jdbcUrl, mutualTls, consignees,
                maxScreeningBacklog, registryHeapMb), new PrintWriter(spec.commandLine().getOut(), true)).run();
        return 0;
    }
}

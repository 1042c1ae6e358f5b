package org.pensim.simulations.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pensim.simulations.load.LoadProfile;
import org.pensim.simulations.load.LoadTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Open-loop load test of a registry cluster, with screening importers. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Run a load profile (simulations/load/*.yaml) against a registry cluster started in this process or "
                + "running elsewhere (registry: addresses, authorityDir): open-loop submissions with real signatures, "
                + "importers that verify, screen and reply; latency from intended send times to acknowledgement, delivery, "
                + "first flag and reply; member kills and restarts, importer pauses; writes summary.json (with lost and "
                + "duplicated), intervals.csv and an HdrHistogram log to DIR.")
final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROFILE")
    Path profile;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--metrics-port", defaultValue = "9464", paramLabel = "PORT",
            description = "Serve Prometheus metrics of the run at http://localhost:PORT/metrics (default: ${DEFAULT-VALUE}; "
                    + "0 any free port, -1 none). docs/grafana/pensim-load.json charts them.")
    int metricsPort;

    @Override
    public Integer call() throws Exception {
        LoadProfile p;
        try {
            p = LoadProfile.load(profile);
        } catch (IllegalArgumentException e) {
            throw new PensimCommand.CliFailure(e.getMessage());
        }
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new PensimCommand.CliFailure("--metrics-port must be -1 to 65535, was " + metricsPort, 2);
        }
        OutputDirectory.prepare(spec.commandLine(), out); // before a cluster is started, not after the run
        var summary = new LoadTest(p, out, spec.commandLine().getOut(), metricsPort).run();
        return summary.get("lost").asLong() == 0 && summary.get("duplicated").asLong() == 0
                && summary.get("authorityProcessesFailed").asLong() == 0 ? 0 : 1;
    }
}

package org.pensim.simulations.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pensim.simulations.load.LoadProfile;
import org.pensim.simulations.load.LoadTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Open-loop load test of a registry cluster started in this process. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Run a load profile (simulations/load/*.yaml) against a registry cluster started in this process: "
                + "open-loop submissions with real signatures, latency from intended send times, member faults; writes "
                + "summary.json (with lost and duplicated), intervals.csv and an HdrHistogram log to DIR.")
final class LoadCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROFILE")
    Path profile;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Override
    public Integer call() throws Exception {
        LoadProfile p;
        try {
            p = LoadProfile.load(profile);
        } catch (IllegalArgumentException e) {
            throw new PensimCommand.CliFailure(e.getMessage());
        }
        var summary = new LoadTest(p, out, System.out).run();
        return summary.get("lost").asLong() == 0 && summary.get("duplicated").asLong() == 0 ? 0 : 1;
    }
}

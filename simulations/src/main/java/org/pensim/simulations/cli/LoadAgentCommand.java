package org.pensim.simulations.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.pensim.simulations.load.LoadAgent;
import picocli.CommandLine.Command;

/** A process hosting some of a load test's authorities; `pensim load` starts it and talks to it over a pipe. */
@Command(name = "load-agent", hidden = true, mixinStandardHelpOptions = true,
        description = "Host some of a load test's authorities (started by `pensim load` when its profile sets processes; "
                + "reads its plan and commands on standard input, writes what happens on standard output).")
final class LoadAgentCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        // Standard output carries the protocol alone: whatever else prints goes to the log.
        PrintStream protocol = new PrintStream(new java.io.BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        LoadAgent.run(System.in, protocol);
        return 0;
    }
}

package org.pensim.simulations.cli;

import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pensim.simulations.sweep.SweepWorkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A sweep worker: runs replications that sweeps started elsewhere hand to the workers' cluster. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Start a sweep worker: a member of the workers' Hazelcast cluster (its own, not the registry's) "
                + "that runs replications for `pensim sweep --workers`. Runs until interrupted.")
final class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", defaultValue = "pensim-workers", description = "Cluster name (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind and announce (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "5801", description = "Member port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--members", split = ",", paramLabel = "HOST:PORT",
            description = "Other workers to join (default: this one only).")
    List<String> members;

    @Option(names = "--threads", description = "Replications run at once (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new PensimCommand.CliFailure("--port must be 1 to 65535, was " + port, 2);
        }
        for (String m : members == null ? List.<String>of() : members) {
            if (!m.matches("[^:\\s]+:\\d{1,5}")) {
                throw new PensimCommand.CliFailure("--members takes host:port, not '" + m + "'", 2);
            }
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        HazelcastInstance worker;
        try {
            worker = SweepWorkers.startWorker(cluster, host, port, members == null ? List.of() : members, n);
        } catch (RuntimeException e) {
            throw new PensimCommand.CliFailure("cannot start the worker on " + host + ":" + port + ": " + e.getMessage());
        }
        spec.commandLine().getOut().printf("sweep worker of cluster %s on %s:%d, %d replications at once; %d member(s)%n",
                cluster, host, port, n, worker.getCluster().getMembers().size());
        spec.commandLine().getOut().flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "pensim-worker-stop"));
        stop.await();
        worker.shutdown();
        return 0;
    }
}

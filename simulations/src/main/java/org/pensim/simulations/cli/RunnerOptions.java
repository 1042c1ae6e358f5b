package org.pensim.simulations.cli;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.pensim.simulations.scenario.ScenarioLoader;
import org.pensim.simulations.sweep.Sweep;
import org.pensim.simulations.sweep.SweepWorkers;
import picocli.CommandLine.Option;

/**
 * Where the runs of a sweep or a sensitivity analysis go: threads of this process or sweep workers. The
 * options both commands share, the runner they open and the errors they report the same way.
 */
final class RunnerOptions implements AutoCloseable {

    /** A piece of work that starts runs on a runner. */
    @FunctionalInterface
    interface Work<T> {
        T on(Sweep.Runner runner) throws Exception;
    }

    @Option(names = "--threads", paramLabel = "N", description = "Runs side by side in this process (default: one per core).")
    Integer threads;

    @Option(names = "--crypto", description = "Compute signatures (default: modelled, for speed; the measures do not depend on it).")
    boolean crypto;

    @Option(names = "--workers", split = ",", paramLabel = "HOST:PORT",
            description = "Run on these sweep workers (`pensim worker`) instead of this process.")
    List<String> workers;

    @Option(names = "--cluster", defaultValue = "pensim-workers", description = "The workers' cluster name (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "How long to keep trying to reach the workers before giving up (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    private ExecutorService pool;
    private com.hazelcast.core.HazelcastInstance client;

    /** Runs {@code work} on the chosen runner; a scenario mistake or a failed run becomes one line. */
    <T> T run(Work<T> work) throws Exception {
        try {
            return work.on(open());
        } catch (ScenarioLoader.ScenarioException e) {
            throw new PensimCommand.CliFailure(e.getMessage());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw new PensimCommand.CliFailure(c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
        } finally {
            close();
        }
    }

    private Sweep.Runner open() {
        if (workers != null && !workers.isEmpty()) {
            if (connectTimeoutSeconds < 1) {
                throw new PensimCommand.CliFailure("--connect-timeout must be at least 1 second, not " + connectTimeoutSeconds, 2);
            }
            try {
                client = SweepWorkers.connect(cluster, workers, java.time.Duration.ofSeconds(connectTimeoutSeconds));
            } catch (RuntimeException e) {
                throw new PensimCommand.CliFailure("cannot reach the sweep workers " + workers + " (cluster " + cluster + "): "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + " Is `pensim worker` running at "
                        + "each address, with the same --cluster?");
            }
            return SweepWorkers.runner(client);
        }
        pool = Executors.newFixedThreadPool(threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors());
        return Sweep.local(pool);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }
}

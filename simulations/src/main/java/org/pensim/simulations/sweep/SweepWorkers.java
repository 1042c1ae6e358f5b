package org.pensim.simulations.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Summary;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.scenario.ScenarioLoader;

/**
 * Sweeps spread over machines: worker processes form a Hazelcast cluster of their own (not the
 * registry's) and run replications handed to them by a sweep that joins as a client. A replication is
 * the scenario as JSON plus its seed, and a run depends on nothing else, so the results are the same as
 * on one machine.
 */
public final class SweepWorkers {

    /** The executor the workers serve. */
    public static final String EXECUTOR = "pensim-replications";

    private SweepWorkers() {
    }

    /** One replication, run on whichever worker takes it; answers the run's summary as JSON. */
    public static final class Replication implements Callable<String>, Serializable {
        private static final long serialVersionUID = 1L;
        private final String scenarioJson;
        private final String source;
        private final long seed;
        private final boolean crypto;

        public Replication(String scenarioJson, String source, long seed, boolean crypto) {
            this.scenarioJson = scenarioJson;
            this.source = source;
            this.seed = seed;
            this.crypto = crypto;
        }

        @Override
        public String call() throws Exception {
            Scenario s = ScenarioLoader.fromTree(ProtocolJson.parse(scenarioJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    source);
            return Summary.of(new SimulationRun(s, new SimulationRun.Options(seed, crypto, null)).run(), crypto).toString();
        }
    }

    /**
     * Starts a worker: a Hazelcast member of cluster {@code cluster} on {@code host:port}, joining the
     * listed members by TCP (multicast and phone-home off), running {@code threads} replications at once.
     */
    public static HazelcastInstance startWorker(String cluster, String host, int port, List<String> members, int threads) {
        Config c = new Config();
        c.setClusterName(cluster);
        c.setInstanceName("pensim-worker-" + host + "-" + port);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        c.getNetworkConfig().getInterfaces().setEnabled(false);
        c.setProperty("hazelcast.local.localAddress", host);
        JoinConfig join = c.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty() ? List.of(host + ":" + port) : members);
        c.addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(Math.max(1, threads)));
        return com.hazelcast.core.Hazelcast.newHazelcastInstance(c);
    }

    /** Connects a sweep to the workers as a Hazelcast client, giving up after {@code timeout} without them. */
    public static HazelcastInstance connect(String cluster, List<String> addresses, java.time.Duration timeout) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(cluster);
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.getNetworkConfig().setAddresses(addresses);
        // Give up after a while rather than waiting forever for workers that are not there.
        c.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(timeout.toMillis());
        return HazelcastClient.newHazelcastClient(c);
    }

    /** Runs replications on the workers of a connected client. */
    public static Sweep.Runner runner(HazelcastInstance client) {
        IExecutorService executor = client.getExecutorService(EXECUTOR);
        // Round robin over the workers there are at each submission: Hazelcast's own submit picks a member at
        // random, which leaves some workers idle while others queue (two workers: all of six runs on one, 3 % of sweeps).
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        return (tree, source, seed, crypto) -> {
            List<com.hazelcast.cluster.Member> workers = new java.util.ArrayList<>(client.getCluster().getMembers());
            if (workers.isEmpty()) { // disconnected: Hazelcast's own submit waits for the cluster or says why not
                return new Parsed(executor.submit(new Replication(tree.toString(), source, seed, crypto)));
            }
            com.hazelcast.cluster.Member worker = workers.get(Math.floorMod(next.getAndIncrement(), workers.size()));
            return new Parsed(executor.submitToMember(new Replication(tree.toString(), source, seed, crypto), worker));
        };
    }

    /** A worker's answer, read as JSON when it is asked for. */
    private record Parsed(Future<String> answer) implements Future<JsonNode> {
        @Override
        public boolean cancel(boolean mayInterrupt) {
            return answer.cancel(mayInterrupt);
        }

        @Override
        public boolean isCancelled() {
            return answer.isCancelled();
        }

        @Override
        public boolean isDone() {
            return answer.isDone();
        }

        @Override
        public JsonNode get() throws InterruptedException, java.util.concurrent.ExecutionException {
            return parse(answer.get());
        }

        @Override
        public JsonNode get(long timeout, java.util.concurrent.TimeUnit unit)
                throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
            return parse(answer.get(timeout, unit));
        }

        private static JsonNode parse(String json) throws java.util.concurrent.ExecutionException {
            try {
                return ProtocolJson.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.util.concurrent.ExecutionException("a worker's answer is not a summary", e);
            }
        }
    }
}

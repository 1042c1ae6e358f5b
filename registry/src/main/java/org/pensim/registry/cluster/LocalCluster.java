package org.pensim.registry.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pensim.registry.RegistryMember;
import org.pensim.registry.config.RegistryConfig;

/**
 * Several registry members in this JVM over loopback TCP, as load drivers, exercises and tests run them:
 * the CA is made once, then the members start together and the call returns when the cluster is whole
 * and safe.
 */
public final class LocalCluster {

    private LocalCluster() {
    }

    /** Configurations of {@code size} members sharing a name, a CA directory and a database. */
    public static List<RegistryConfig> configs(String name, int size, List<Integer> httpPorts, Path caDir, String jdbcUrl,
            String user, String password, int deadlineCheckSeconds) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(freePort());
        }
        List<RegistryConfig> configs = new ArrayList<>();
        RegistryConfig base = RegistryConfig.defaults();
        for (int i = 0; i < size; i++) {
            configs.add(base.withHttp(new RegistryConfig.Http("127.0.0.1", httpPorts == null ? 0 : httpPorts.get(i), 262144,
                            300, 500, 32))
                    .withCluster(new RegistryConfig.Cluster(name, "127.0.0.1", ports.get(i),
                            ports.stream().map(p -> "127.0.0.1:" + p).toList(), 1, 10))
                    .withDatabase(new RegistryConfig.Database(jdbcUrl, user, password, 4))
                    .withAuthority(new RegistryConfig.Authority(caDir.toString(), "AT", 365))
                    .withLifecycle(new RegistryConfig.Lifecycle(deadlineCheckSeconds)));
        }
        return configs;
    }

    /** Starts the members in parallel and waits until the cluster is whole and safe. */
    public static List<RegistryMember> start(List<RegistryConfig> configs, Clock clock) throws Exception {
        Path caDir = Path.of(configs.get(0).authority().dir());
        RegistryMember.loadOrCreateOperator(caDir, RegistryMember.loadOrCreateCa(caDir, clock),
                configs.get(0).authority().operatorCountry(), clock);
        RegistryMember[] started = new RegistryMember[configs.size()];
        Exception[] failure = new Exception[1];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    started[index] = RegistryMember.start(configs.get(index), clock);
                } catch (Exception e) {
                    failure[0] = e;
                }
            }, "pensim-start-member-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] != null) {
            for (RegistryMember m : started) {
                if (m != null) {
                    m.kill();
                }
            }
            throw failure[0];
        }
        List<RegistryMember> members = List.of(started);
        awaitSafe(members, members.size());
        return members;
    }

    /** Waits (up to a minute) for {@code size} members and a safe partition table. */
    public static void awaitSafe(List<RegistryMember> members, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            RegistryMember any = members.stream().filter(m -> m != null && m.hazelcast().getLifecycleService().isRunning())
                    .findFirst().orElseThrow(() -> new IllegalStateException("no member is running"));
            if (any.hazelcast().getCluster().getMembers().size() == size
                    && any.hazelcast().getPartitionService().isClusterSafe()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the cluster did not reach " + size + " safe members within a minute");
    }

    /**
     * A port free now, for a member to bind a moment later. Taken below the system's ephemeral range when
     * it can be: a port from that range may meanwhile become the local end of an outgoing connection (the
     * members connecting to each other), and the member's bind then fails. Never the same port twice in
     * this process.
     */
    public static int freePort() throws IOException {
        int below = ephemeralRangeStart();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; below > 20_100 && attempt < 200; attempt++) {
            int port = random.nextInt(20_000, below);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            } catch (IOException taken) {
                continue;
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        // The system's choice, but never one this process handed out before: two members given one port
        // would share a Hazelcast instance name and the second would not start.
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The first port the system hands to outgoing connections (Linux: ip_local_port_range; else 32768). */
    static int ephemeralRangeStart() {
        // Read as a stream: Java 17's Files.readString trusts the size /proc reports for the file and returned "3"
        // of "32768 60999", so every port came from the ephemeral range and a member's bind failed now and then.
        try (java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String range = String.valueOf(in.readLine()).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            return 32_768;
        }
    }
}

package org.pensim.registry.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.pensim.registry.RegistryMember;
import org.pensim.registry.config.RegistryConfig;

/**
 * A local registry cluster in a process of its own, driven over its standard input and output: a
 * benchmark's driver or a durability test starts it, so that the registry's CPU is measured apart from the
 * driver's and the whole cluster can be killed at once as a crash would.
 *
 * <p>Arguments: {@code NAME MEMBERS DIR JDBC_URL USER PASSWORD MAX_SCREENING_BACKLOG(0: default) TLS(true|false)}.
 * It writes {@code READY port,port,...} once the cluster is safe; it answers {@code STATS} with
 * {@code STATS <process CPU ns> <global screening backlog> <JIT compilation ms> <Hazelcast operations run>
 * <collector pauses ms> <heap used bytes> <heap max bytes>} and
 * stops gracefully on
 * {@code STOP} (or at the end of its input).
 */
public final class ClusterProcess {

    private ClusterProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: ClusterProcess NAME MEMBERS DIR JDBC_URL USER PASSWORD MAX_BACKLOG TLS");
            System.exit(2);
        }
        int size = Integer.parseInt(args[1]);
        int maxBacklog = Integer.parseInt(args[6]);
        boolean tls = Boolean.parseBoolean(args[7]);
        List<RegistryConfig> configs = new ArrayList<>(LocalCluster.configs(args[0], size, null, Path.of(args[2]), args[3],
                args[4], args[5], 60));
        // The group commit's bounds follow PENSIM_REGISTRY_DATABASE_GROUP_COMMIT_* as a member's would, to compare settings.
        RegistryConfig.GroupCommit commits = RegistryConfig.load(null, System.getenv()).database().groupCommit();
        configs.replaceAll(c -> c.withDatabase(new RegistryConfig.Database(c.database().jdbcUrl(), c.database().user(),
                c.database().password(), c.database().poolSize(), commits)));
        // So does the screening's batch size (PENSIM_REGISTRY_SCREENING_BATCH_SIZE).
        int batchSize = RegistryConfig.load(null, System.getenv()).screening().batchSize();
        configs.replaceAll(c -> c.withScreening(new RegistryConfig.Screening(c.screening().threads(),
                maxBacklog > 0 ? maxBacklog : c.screening().maxBacklogPerMember(), c.screening().maxDelayMillis(),
                c.screening().shedFrom(), batchSize)));
        if (tls) {
            configs.replaceAll(c -> c.withTls(new RegistryConfig.Tls(true, List.of("127.0.0.1", "localhost"), true)));
        }
        List<RegistryMember> members = LocalCluster.start(configs, Clock.systemUTC());
        System.out.println("READY " + members.stream().map(m -> String.valueOf(m.httpPort())).collect(Collectors.joining(",")));
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.equals("STOP")) {
                if (line.equals("STATS")) {
                    long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                            .getOperatingSystemMXBean()).getProcessCpuTime();
                    // What the benchmark reports beside the CPU: how much of it compiled code rather than ran it, and
                    // how many operations the members ran for it (primaries and backups, on every member).
                    long compiling = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                    long operations = members.stream().mapToLong(m -> ((com.hazelcast.instance.impl.HazelcastInstanceProxy)
                            m.hazelcast()).getOriginal().node.nodeEngine.getOperationService().getExecutedOperationCount()).sum();
                    // The members keep every notification in memory: how full the heap is says how much of the CPU the
                    // collector is about to take, which otherwise passes for the registry's own work.
                    long pauses = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
                    java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean()
                            .getHeapMemoryUsage();
                    System.out.println("STATS " + cpu + " " + members.stream().mapToInt(RegistryMember::globalScreeningBacklog).sum()
                            + " " + compiling + " " + operations + " " + pauses + " " + heap.getUsed() + " " + heap.getMax());
                    System.out.flush();
                }
            }
        }
        members.forEach(RegistryMember::close);
        System.exit(0);
    }
}

package org.pensim.registry.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pensim.protocol.config.ConfigLoader;

/** The one typed configuration of a registry member; defaults in {@code registry-defaults.yaml}. */
public record RegistryConfig(Http http, Cluster cluster, Database database, Authority authority, Lifecycle lifecycle,
        Tls tls, Screening screening) {

    public record Http(String host, int port, int maxBodyBytes, int clockSkewSeconds, int inboxPageLimit,
            int workerPoolSize) {
    }

    public record Cluster(String name, String host, int port, List<String> members, int backupCount,
            int heartbeatTimeoutSeconds, Threads threads) {

        public Cluster(String name, String host, int port, List<String> members, int backupCount, int heartbeatTimeoutSeconds) {
            this(name, host, port, members, backupCount, heartbeatTimeoutSeconds, null);
        }

        public Cluster {
            threads = threads == null ? Threads.DEFAULT : threads;
        }
    }

    /**
     * How many threads of each kind the member's Hazelcast runs. Hazelcast's defaults suit a member alone on a
     * many-core server (three I/O threads each way, two response threads, five event threads...); on a small host,
     * and with several members in one process, the extra threads only add hand-offs: each operation wakes more
     * threads that each find less to do. 0 keeps Hazelcast's default for that kind (for response threads, 2;
     * Hazelcast's own 0 there, responses handled on the I/O threads, cannot be asked for).
     */
    public record Threads(int ioInput, int ioOutput, int response, int genericOperation, int partitionOperation, int event) {

        /** What {@code registry-defaults.yaml} says, for configurations built in code (see docs/benchmarks.md). */
        public static final Threads DEFAULT = new Threads(1, 1, 0, 1, 0, 2);

        public Threads {
            for (int n : new int[] {ioInput, ioOutput, response, genericOperation, partitionOperation, event}) {
                if (n < 0 || n > 256) {
                    throw new ConfigLoader.ConfigException("cluster.threads: each count must be 0 (Hazelcast's default) to 256, not " + n);
                }
            }
        }
    }

    /**
     * Where acknowledged data is written through to. Every durable write of a member waits for a shared
     * commit ({@code groupCommit}); {@code writers} threads (Hazelcast's offloaded map-store pool) may wait at
     * once, which bounds how many writes one batch can gather.
     */
    public record Database(String jdbcUrl, String user, String password, int poolSize, GroupCommit groupCommit) {

        public Database(String jdbcUrl, String user, String password, int poolSize) {
            this(jdbcUrl, user, password, poolSize, null);
        }

        public Database {
            groupCommit = groupCommit == null ? new GroupCommit(500, 6, 64) : groupCommit;
            if (groupCommit.maxBatch() < 1 || groupCommit.maxWaitMillis() < 0 || groupCommit.writers() < 1) {
                throw new ConfigLoader.ConfigException("database.groupCommit: maxBatch and writers must be at least 1, "
                        + "maxWaitMillis at least 0");
            }
        }

        static boolean inProcess(String jdbcUrl) {
            return jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:tcp:") && !jdbcUrl.startsWith("jdbc:h2:ssl:");
        }

        /** Whether the database lives in this process's own file (H2 embedded), so that its commits must be forced. */
        public boolean inProcess() {
            return inProcess(jdbcUrl);
        }
    }

    /**
     * How a member's durable writes are grouped into one transaction and one flush: at most {@code maxBatch}
     * writes, the first of them waiting at most {@code maxWaitMillis} for others, from up to {@code writers}
     * writers waiting at once.
     */
    public record GroupCommit(int maxBatch, int maxWaitMillis, int writers) {
    }

    public record Authority(String dir, String operatorCountry, int certificateDays) {
    }

    /**
     * The API over TLS: each member presents a server certificate of the registry CA for
     * {@code hostnames}, and authorities may authenticate with their own certificate (mutual TLS)
     * instead of signing each request; {@code clientCertificateRequired} refuses connections without one.
     */
    public record Tls(boolean enabled, List<String> hostnames, boolean clientCertificateRequired) {
    }

    /**
     * How often each member looks for reply deadlines that passed among the notifications it owns; and, when
     * {@code replyDeadlineDays} is set (an exercise's), the reply deadline in calendar days that every country gives
     * instead of its own rule, also when an answer to a request for information restarts it.
     */
    public record Lifecycle(int deadlineCheckSeconds, Integer replyDeadlineDays) {
        public Lifecycle(int deadlineCheckSeconds) {
            this(deadlineCheckSeconds, null);
        }

        /** The countries' rules as this registry applies them. */
        public org.pensim.protocol.country.CountryProfiles countries() {
            var standard = org.pensim.protocol.country.CountryProfiles.standard();
            return replyDeadlineDays == null ? standard
                    : standard.withReplyDeadline(new org.pensim.protocol.country.ReplyDeadlineRule(replyDeadlineDays, false));
        }
    }

    /**
     * The global indicators run after the answer, on {@code threads} threads of each member; past
     * {@code maxBacklogPerMember} notifications waiting for them on a member, or once the oldest of them has
     * waited more than {@code maxDelayMillis} since it was accepted (its flags that late), it refuses new submissions
     * with 503 and Retry-After instead of letting every flag fall further behind. From {@code shedFrom} of
     * either bound on, it refuses a share of them that grows to all at the bound
     * ({@link org.pensim.registry.submission.ScreeningPressure}). A screening thread takes up to {@code batchSize}
     * of a member's waiting notifications at once, so that their updates of one window group travel as one operation.
     */
    public record Screening(int threads, int maxBacklogPerMember, int maxDelayMillis, Double shedFrom, Integer batchSize) {

        /** The default of {@code batchSize}: what {@code registry-defaults.yaml} says, for configurations built in code. */
        public static final int DEFAULT_BATCH_SIZE = 64;

        public Screening(int threads, int maxBacklogPerMember, int maxDelayMillis) {
            this(threads, maxBacklogPerMember, maxDelayMillis, null, null);
        }

        public Screening(int threads, int maxBacklogPerMember, int maxDelayMillis, Double shedFrom) {
            this(threads, maxBacklogPerMember, maxDelayMillis, shedFrom, null);
        }

        public Screening {
            shedFrom = shedFrom == null ? 0.75 : shedFrom;
            if (!(shedFrom > 0 && shedFrom <= 1)) {
                throw new ConfigLoader.ConfigException("screening.shedFrom must be above 0 and at most 1 (1: refuse only at "
                        + "the bound), not " + shedFrom);
            }
            batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
            if (batchSize < 1 || batchSize > 1000) {
                throw new ConfigLoader.ConfigException("screening.batchSize must be 1 to 1000 (1: each notification screened "
                        + "on its own), not " + batchSize);
            }
        }
    }

    public RegistryConfig {
        if (screening.threads() < 1 || screening.maxBacklogPerMember() < 1 || screening.maxDelayMillis() < 1) {
            throw new ConfigLoader.ConfigException(
                    "screening.threads, screening.maxBacklogPerMember and screening.maxDelayMillis must be at least 1");
        }
        if (cluster.backupCount() < 1 || cluster.backupCount() > 6) {
            throw new ConfigLoader.ConfigException("cluster.backupCount must be 1 to 6, not " + cluster.backupCount());
        }
        if (http.port() < 0 || http.port() > 65535 || cluster.port() < 1 || cluster.port() > 65535) {
            throw new ConfigLoader.ConfigException("ports must be between 1 and 65535 (http.port 0 picks a free one)");
        }
        if (http.maxBodyBytes() < 1024) {
            throw new ConfigLoader.ConfigException("http.maxBodyBytes must be at least 1024");
        }
    }

    public static RegistryConfig load(Path file, Map<String, String> env) {
        return ConfigLoader.load(RegistryConfig.class, "registry-defaults.yaml", file, env, "PENSIM_REGISTRY_");
    }

    public static RegistryConfig defaults() {
        return load(null, Map.of());
    }

    public RegistryConfig withHttp(Http h) {
        return new RegistryConfig(h, cluster, database, authority, lifecycle, tls, screening);
    }

    public RegistryConfig withCluster(Cluster c) {
        return new RegistryConfig(http, c, database, authority, lifecycle, tls, screening);
    }

    public RegistryConfig withDatabase(Database d) {
        return new RegistryConfig(http, cluster, d, authority, lifecycle, tls, screening);
    }

    public RegistryConfig withAuthority(Authority a) {
        return new RegistryConfig(http, cluster, database, a, lifecycle, tls, screening);
    }

    public RegistryConfig withTls(Tls t) {
        return new RegistryConfig(http, cluster, database, authority, lifecycle, t, screening);
    }

    public boolean tlsEnabled() {
        return tls != null && tls.enabled();
    }

    public RegistryConfig withScreening(Screening s) {
        return new RegistryConfig(http, cluster, database, authority, lifecycle, tls, s);
    }

    public RegistryConfig withLifecycle(Lifecycle l) {
        return new RegistryConfig(http, cluster, database, authority, l, tls, screening);
    }
}

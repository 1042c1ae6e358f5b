package org.pensim.registry;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.config.RegistryConfig;

/**
 * A registry cluster of several members in this JVM, over TCP on loopback, with a unique cluster name,
 * its own CA and database; started and stopped by each test class.
 */
public final class TestCluster implements AutoCloseable {

    public final Path dir;
    public final String clusterName = "pensim-test-" + UUID.randomUUID();
    /** One slot per member (the member's Hazelcast port is chosen when the cluster starts). */
    private final List<Integer> hazelcastPorts = new ArrayList<>();
    /** HTTP port per member index: 0 (ephemeral) unless {@link #withFixedHttpPorts()}. */
    public final List<Integer> httpPorts = new ArrayList<>();
    public final List<RegistryMember> members = new ArrayList<>();
    public final Vertx clientVertx = Vertx.vertx();
    private final List<RegistryClient> clients = new ArrayList<>();
    private String jdbcUrl;
    /** The members' and clients' clock; tests move it to make deadlines pass. */
    public Clock clock = Clock.systemUTC();
    private String user = "sa";
    private String password = "";

    public TestCluster(int size) throws IOException {
        this.dir = Files.createTempDirectory("pensim-registry-test");
        this.jdbcUrl = "jdbc:h2:file:" + dir.resolve("db/registry") + ";DB_CLOSE_ON_EXIT=FALSE";
        for (int i = 0; i < size; i++) {
            hazelcastPorts.add(i);
            httpPorts.add(0);
        }
    }

    /**
     * Gives every member a fixed HTTP port, kept across restarts, for clients that are configured with
     * an address (the nodes). Otherwise members listen on ephemeral ports.
     */
    public TestCluster withFixedHttpPorts() throws IOException {
        for (int i = 0; i < httpPorts.size(); i++) {
            httpPorts.set(i, freePort());
        }
        return this;
    }

    private RegistryConfig.Tls tls;

    /** Serves the API over TLS (mutual TLS for clients made by {@link #client}). */
    public TestCluster withTls(boolean clientCertificateRequired) {
        this.tls = new RegistryConfig.Tls(true, List.of("127.0.0.1", "localhost"), clientCertificateRequired);
        return this;
    }

    private RegistryConfig.Screening screening;

    /** Global screening on each member with these threads and back-pressure bounds. */
    public TestCluster withScreening(RegistryConfig.Screening screening) {
        this.screening = screening;
        return this;
    }

    public TestCluster database(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        return this;
    }

    private List<RegistryConfig> configs;

    public RegistryConfig config(int index) {
        return configs.get(index);
    }

    /** Starts every member, in parallel, and waits for the cluster to be whole. */
    public TestCluster start() throws Exception {
        configs = org.pensim.registry.cluster.LocalCluster.configs(clusterName, hazelcastPorts.size(), httpPorts,
                dir.resolve("ca"), jdbcUrl, user, password, 1);
        // A small body limit, so that the limit itself is tested.
        configs = new ArrayList<>(configs);
        configs.replaceAll(c -> c.withHttp(new RegistryConfig.Http(c.http().host(), c.http().port(), 65536,
                c.http().clockSkewSeconds(), c.http().inboxPageLimit(), c.http().workerPoolSize())).withTls(tls)
                .withScreening(screening != null ? screening : c.screening()));
        members.addAll(org.pensim.registry.cluster.LocalCluster.start(configs, clock));
        LIVE.add(this);
        return this;
    }

    /** Starts one more member with the given index (after a kill, say). */
    public RegistryMember restart(int index) throws Exception {
        RegistryMember m = RegistryMember.start(config(index), clock);
        members.set(index, m);
        return m;
    }

    public void awaitSize(int size) throws InterruptedException {
        org.pensim.registry.cluster.LocalCluster.awaitSafe(members, size);
    }

    public CertificateAuthority ca() throws IOException {
        return CertificateAuthority.load(dir.resolve("ca"), Clock.systemUTC());
    }

    /** Credentials issued by the cluster's CA and enrolled through the operator's API. */
    public AuthorityCredentials enrol(String country, AuthorityRole role) throws Exception {
        return await(operatorClient(0).enrolNewKey(country, role));
    }

    public RegistryClient client(int member, AuthorityCredentials credentials) {
        RegistryClient c;
        try {
            c = tls == null ? new RegistryClient(clientVertx, "127.0.0.1", members.get(member).httpPort(), credentials, clock)
                    : RegistryClient.overMutualTls(clientVertx, "127.0.0.1", members.get(member).httpPort(), credentials,
                            ca().certificate(), clock);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        clients.add(c);
        return c;
    }

    public RegistryClient operatorClient(int member) {
        return client(member, members.get(member).operator());
    }

    public static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Keep what every thread was doing: a request that never answers is a bug to find.
            StringBuilder dump = new StringBuilder("no answer within 60 s; threads:\n");
            Thread.getAllStackTraces().forEach((t, stack) -> {
                dump.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
                for (int i = 0; i < Math.min(30, stack.length); i++) {
                    dump.append("    at ").append(stack[i]).append('\n');
                }
            });
            System.err.println(dump);
            System.err.println(probeMembers());
            throw e;
        }
    }

    /** Whether each live member answers a plain HTTP request right now: tells a stuck server from a stuck client. */
    private static String probeMembers() {
        StringBuilder out = new StringBuilder("probing the members with a new HTTP client:\n");
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (TestCluster c : LIVE) {
            for (RegistryMember m : c.members) {
                if (m == null) {
                    continue;
                }
                try {
                    var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + m.httpPort()
                            + "/health/live")).timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    out.append("  port ").append(m.httpPort()).append(": ").append(r.statusCode()).append(' ').append(r.body()).append('\n');
                } catch (Exception e) {
                    out.append("  port ").append(m.httpPort()).append(": ").append(e).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** Clusters started and not closed, for {@link #probeMembers}. */
    private static final List<TestCluster> LIVE = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The first key {@code prefix + i} whose partition {@code member} owns: to send an operation to a chosen owner. */
    public static String keyOwnedBy(com.hazelcast.core.HazelcastInstance member, String prefix) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (member.getPartitionService().getPartition(key).getOwner().localMember()) {
                return key;
            }
        }
    }

    public static int freePort() throws IOException {
        return org.pensim.registry.cluster.LocalCluster.freePort();
    }

    /** Stops every member gracefully, waiting for a safe cluster between stops. */
    public void stopAll() {
        for (RegistryMember m : members) {
            if (m != null && m.hazelcast().getLifecycleService().isRunning()) {
                m.close();
            }
        }
        members.replaceAll(m -> null);
    }

    @Override
    public void close() {
        LIVE.remove(this);
        clients.forEach(RegistryClient::close);
        stopAll();
        clientVertx.close();
    }

    public static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    /**
     * Submits as an exporting authority does: a 503 (back-pressure, or a member not yet ready) is sent again after its
     * Retry-After, up to {@code attempts} times; the signed document is the same, so a repeat is answered as one.
     */
    public io.vertx.core.Future<org.pensim.registry.client.RegistryClient.Response> submitAsExportersDo(
            org.pensim.registry.client.RegistryClient client, org.pensim.protocol.signing.SignedDocument doc, int attempts) {
        return client.submit(doc).compose(r -> r.status() != 503 || attempts <= 1 ? io.vertx.core.Future.succeededFuture(r)
                : clientVertx.timer(1000L * Math.max(1, r.retryAfterSeconds()))
                        .compose(t -> submitAsExportersDo(client, doc, attempts - 1)));
    }
}

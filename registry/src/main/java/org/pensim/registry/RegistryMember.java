package org.pensim.registry;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.Pem;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.validation.DocumentValidator;
import org.pensim.registry.authorities.AuthorityDirectory;
import org.pensim.registry.cluster.Counters;
import org.pensim.registry.countries.YearToDateQuantities;
import org.pensim.registry.cluster.HazelcastStateStore;
import org.pensim.registry.cluster.RegistryMaps;
import org.pensim.registry.config.RegistryConfig;
import org.pensim.registry.delivery.Inbox;
import org.pensim.registry.delivery.InboxStreams;
import org.pensim.registry.http.RegistryApi;
import org.pensim.registry.http.RequestAuthentication;
import org.pensim.registry.lifecycle.DeadlineWatch;
import org.pensim.registry.lifecycle.EventIntake;
import org.pensim.registry.metrics.RegistryMetrics;
import org.pensim.registry.screening.GlobalScreeningQueue;
import org.pensim.registry.screening.ScreeningRecovery;
import org.pensim.registry.screening.StoredNotificationScreening;
import org.pensim.registry.storage.Database;
import org.pensim.registry.storage.GroupCommit;
import org.pensim.registry.submission.NotificationIntake;

/**
 * One registry member: an embedded Hazelcast member holding its share of the partitioned data, and a
 * Vert.x HTTP server that serves the whole API over it. Start as many as the load needs.
 */
public final class RegistryMember implements AutoCloseable {

    private final RegistryConfig config;
    private final Database database;
    private final GroupCommit writes;
    private final HazelcastInstance hazelcast;
    private final Vertx vertx;
    private final HttpServer server;
    private final org.pensim.registry.http.Drain drain;
    private final ExecutorService background;
    private final GlobalScreeningQueue screeningQueue;
    private final AuthorityCredentials operator;
    private final CertificateAuthority ca;

    private RegistryMember(RegistryConfig config, Database database, GroupCommit writes, HazelcastInstance hazelcast, Vertx vertx,
            HttpServer server, org.pensim.registry.http.Drain drain, ExecutorService background, GlobalScreeningQueue screeningQueue, AuthorityCredentials operator,
            CertificateAuthority ca) {
        this.config = config;
        this.database = database;
        this.writes = writes;
        this.hazelcast = hazelcast;
        this.vertx = vertx;
        this.server = server;
        this.drain = drain;
        this.background = background;
        this.screeningQueue = screeningQueue;
        this.operator = operator;
        this.ca = ca;
    }

    /** Starts a member and returns once its HTTP API listens. */
    public static RegistryMember start(RegistryConfig config, Clock clock) throws Exception {
        Path dir = Path.of(config.authority().dir());
        CertificateAuthority ca;
        AuthorityCredentials operator;
        synchronized (RegistryMember.class) {
            ca = loadOrCreateCa(dir, clock);
            operator = loadOrCreateOperator(dir, ca, config.authority().operatorCountry(), clock);
        }
        Database database = new Database(config.database());
        RegistryMetrics metrics = new RegistryMetrics();
        GroupCommit writes = new GroupCommit(database, new GroupCommit.Settings(config.database().groupCommit().maxBatch(),
                config.database().groupCommit().maxWaitMillis()), metrics::databaseCommit);
        HazelcastInstance hz;
        try {
            com.hazelcast.config.Config hazelcastConfig = RegistryMaps.hazelcastConfig(config, database, writes);
            hz = Hazelcast.newHazelcastInstance(hazelcastConfig);
        } catch (RuntimeException e) {
            writes.close();
            database.close();
            throw e;
        }
        Vertx vertx = Vertx.builder().with(new VertxOptions().setWorkerPoolSize(config.http().workerPoolSize())).build();
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("pensim-registry-api", config.http().workerPoolSize());
        ExecutorService background = Executors.newFixedThreadPool(config.screening().threads(), r -> {
            Thread t = new Thread(r, "pensim-registry-screening");
            t.setDaemon(true);
            return t;
        });

        IMap<String, HazelcastJsonValue> notifications = RegistryMaps.map(hz, RegistryMaps.NOTIFICATIONS);
        IMap<String, HazelcastJsonValue> events = RegistryMaps.map(hz, RegistryMaps.EVENTS);
        IMap<String, HazelcastJsonValue> inboxMap = RegistryMaps.map(hz, RegistryMaps.INBOX);
        Counters counters = new Counters(RegistryMaps.map(hz, RegistryMaps.COUNTERS));
        AuthorityDirectory directory = new AuthorityDirectory(RegistryMaps.map(hz, RegistryMaps.AUTHORITIES),
                RegistryMaps.map(hz, RegistryMaps.REVOCATIONS), ca, Duration.ofDays(config.authority().certificateDays()),
                clock);
        if (directory.find(operator.certificate().thumbprint()).isEmpty()) {
            directory.record(operator.certificate());
        }
        // Revocation is checked by certificate thumbprint against the directory (AuthorityDirectory.requireUsable).
        CertificateChecker checker = new CertificateChecker(ca.certificate(), org.pensim.protocol.pki.RevocationStatus.NONE, clock);
        // A map's partition lost with all its replicas is refilled from the database. (The cluster-wide
        // partition-lost event also fires when only a replica is lost, which needs no reload.)
        for (String name : RegistryMaps.DURABLE) {
            IMap<String, HazelcastJsonValue> map = RegistryMaps.map(hz, name);
            map.addPartitionLostListener(event -> background.execute(() -> map.loadAll(false)));
        }
        SignatureVerifier verifier = new SignatureVerifier(checker);
        DocumentValidator validator = DocumentValidator.standard();
        GlobalScreening global = new GlobalScreening(new HazelcastStateStore(hz), ScreeningPolicy.defaults(), clock,
                StoredNotificationScreening::epochNanos);
        Inbox inbox = new Inbox(inboxMap, hz.getMap(RegistryMaps.INBOX_HEADS), clock, java.time.Clock.systemUTC(),
                new org.pensim.registry.cluster.Departures(hz, java.time.Clock.systemUTC()));
        InboxStreams streams = new InboxStreams(inboxMap);
        StoredNotificationScreening screener = new StoredNotificationScreening(notifications,
                RegistryMaps.map(hz, RegistryMaps.GLOBAL_FLAGS), global);
        // After a cold start the indicators' windows are replayed from the database before live screening goes on.
        ScreeningRecovery recovery = new ScreeningRecovery(hz, screener, global, background, global.longestWindow(),
                config.screening().batchSize(), clock);
        GlobalScreeningQueue screeningQueue = new GlobalScreeningQueue(hz, background, config.screening().threads(),
                config.screening().batchSize(), screener, recovery::ready, metrics::screeningBatch);
        recovery.start(screeningQueue::sweep);
        NotificationIntake intake = new NotificationIntake(notifications, new Counters.Sequence(counters, "receipts", 1000),
                inbox, directory, verifier, validator, new DocumentSigner(operator), screeningQueue,
                config.screening(), metrics, clock);
        EventIntake eventIntake = new EventIntake(notifications, events, RegistryMaps.map(hz, RegistryMaps.EVENT_INTENTS), inbox,
                directory, verifier, at -> new SignatureVerifier(new CertificateChecker(ca.certificate(),
                        org.pensim.protocol.pki.RevocationStatus.NONE, java.time.Clock.fixed(at, java.time.ZoneOffset.UTC))),
                validator, global, metrics, clock, config.lifecycle().countries());
        // Events whose request died between moving the state and delivering them are delivered here.
        everyOnWorkers(vertx, workers, 2000, eventIntake::completeAbandoned);
        DeadlineWatch deadlines = new DeadlineWatch(notifications, events, inbox, new DocumentSigner(operator),
                config.authority().operatorCountry(), clock);
        everyOnWorkers(vertx, workers, 1000L * config.lifecycle().deadlineCheckSeconds(), deadlines::check);
        // Partitions that a migration left waiting for their key loading are told it is over (KeyLoadRepair).
        everyOnWorkers(vertx, workers, 1000, new org.pensim.registry.cluster.KeyLoadRepair(hz,
                java.util.Set.copyOf(RegistryMaps.DURABLE))::check);
        // Queued notifications a dead member owned, or that a migration brought, are screened here.
        everyOnWorkers(vertx, workers, 2000, screeningQueue::sweep);
        RequestAuthentication auth = new RequestAuthentication(directory, checker,
                RegistryMaps.map(hz, RegistryMaps.NONCES), config.http().clockSkewSeconds(), clock);
        for (String map : new String[] {RegistryMaps.NOTIFICATIONS, RegistryMaps.EVENTS, RegistryMaps.INBOX}) {
            metrics.gauge("pensim_map_local_entries", "Entries of a cluster map owned by this member", map, () -> hz.getMap(map).getLocalMapStats().getOwnedEntryCount());
        }
        metrics.gauge("pensim_inbox_streams_open", "Inbox event streams open on this member", "inbox", streams::open);
        // Global indicators are computed after the answer: a growing backlog means flags arrive late.
        metrics.gauge("pensim_global_screening_backlog", "Notifications waiting for the global indicators on this member",
                "screening", screeningQueue::backlog);

        RegistryApi api = new RegistryApi(vertx, workers, hz, database, auth, intake, eventIntake, inbox, streams,
                directory, new org.pensim.registry.authorities.EnrolmentTokens(RegistryMaps.map(hz, RegistryMaps.ENROLMENT_TOKENS),
                        directory, clock), new YearToDateQuantities(notifications), metrics, clock, config.http().maxBodyBytes(), config.http().inboxPageLimit(),
                config.lifecycle().countries());
        HttpServer server;
        try {
            HttpServerOptions options = new HttpServerOptions().setHost(config.http().host())
                    .setPort(config.http().port()).setCompressionSupported(true);
            if (config.tlsEnabled()) {
                // A fresh server key and certificate at every start: nothing to keep, the CA vouches for it.
                java.security.KeyPair serverKeys = org.pensim.protocol.pki.Crypto.newEd25519KeyPair();
                java.security.cert.X509Certificate serverCert = ca.issueServer(serverKeys.getPublic(),
                        config.tls().hostnames() == null || config.tls().hostnames().isEmpty()
                                ? java.util.List.of(config.http().host()) : config.tls().hostnames(),
                        Duration.ofDays(config.authority().certificateDays()));
                options.setSsl(true)
                        .setKeyCertOptions(org.pensim.registry.tls.MutualTls.identity(serverKeys.getPrivate().getEncoded(),
                                serverCert, ca.certificate()))
                        .setTrustOptions(org.pensim.registry.tls.MutualTls.trusting(ca.certificate()))
                        .setClientAuth(config.tls().clientCertificateRequired() ? io.vertx.core.http.ClientAuth.REQUIRED
                                : io.vertx.core.http.ClientAuth.REQUEST);
            }
            server = vertx.createHttpServer(options)
                    .invalidRequestHandler(org.pensim.registry.http.InvalidRequests::answer)
                    .requestHandler(api.router())
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            hz.getLifecycleService().terminate();
            writes.close();
            database.close();
            throw new IllegalStateException("cannot listen on " + config.http().host() + ":" + config.http().port()
                    + ": " + e.getMessage(), e);
        }
        return new RegistryMember(config, database, writes, hz, vertx, server, api.drain(), background, screeningQueue, operator, ca);
    }

    /** How long a stopping member waits for the requests it took to be answered. */
    static final int DRAIN_SECONDS = 15;

    public int httpPort() {
        return server.actualPort();
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    public AuthorityCredentials operator() {
        return operator;
    }

    public CertificateAuthority certificateAuthority() {
        return ca;
    }

    public RegistryConfig config() {
        return config;
    }

    /** Notifications whose global indicators are still to be computed on this member (they run after the answer). */
    public int globalScreeningBacklog() {
        return screeningQueue.backlog();
    }

        /** Stops as a crash would: no graceful hand-over of partitions. For failure tests. */
    public void kill() {
        hazelcast.getLifecycleService().terminate();
        awaitQuietly(vertx.close(), 10);
        background.shutdownNow();
        writes.close();
        database.close();
    }

    /**
     * Stops gracefully: new requests are refused with 503 and Retry-After (clients go to another member)
     * while those already taken are answered; then the HTTP server stops, then the member leaves once its
     * partitions are safe elsewhere. Nothing it acknowledged is lost, and nobody gets a 500.
     */
    @Override
    public void close() {
        drain.begin();
        try {
            if (!drain.await(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                org.slf4j.LoggerFactory.getLogger(RegistryMember.class).warn(
                        "{} requests still unanswered after {} s of draining; stopping anyway", drain.inFlight(), DRAIN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Connections still open (idle, or streams) are closed after a moment, so that nothing still talks to
        // this member when the call returns.
        awaitQuietly(server.shutdown(3, TimeUnit.SECONDS), 10);
        screeningQueue.close();
        background.shutdown();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        hazelcast.getLifecycleService().shutdown();
        awaitQuietly(vertx.close(), 10);
        writes.close();
        database.close();
    }

    /**
     * Runs a periodic cluster task on the API's worker threads, one run at a time: a run slowed by a
     * loading or migrating cluster must not pile up and take every worker thread from the API.
     */
    private static void everyOnWorkers(Vertx vertx, WorkerExecutor workers, long periodMillis,
            java.util.concurrent.Callable<Integer> task) {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        vertx.setPeriodic(periodMillis, t -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            try {
                workers.executeBlocking(() -> {
                    try {
                        return task.call();
                    } catch (com.hazelcast.core.HazelcastInstanceNotActiveException stopping) {
                        return 0;
                    }
                }, false).onComplete(r -> running.set(false));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                vertx.cancelTimer(t); // the member is stopping
            }
        });
    }

    private static void awaitQuietly(io.vertx.core.Future<?> f, int seconds) {
        try {
            f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    public static CertificateAuthority loadOrCreateCa(Path dir, Clock clock) throws IOException {
        if (Files.exists(dir.resolve("ca.key"))) {
            return CertificateAuthority.load(dir, clock);
        }
        CertificateAuthority ca = CertificateAuthority.create("pensim registry root CA", clock, Duration.ofDays(3650));
        ca.save(dir);
        return ca;
    }

    public static AuthorityCredentials loadOrCreateOperator(Path dir, CertificateAuthority ca, String country, Clock clock)
            throws IOException {
        Path opDir = dir.resolve("operator");
        if (Files.exists(opDir.resolve("key.pem"))) {
            return AuthorityCredentials.read(opDir.resolve("key.pem"), opDir.resolve("cert.pem"));
        }
        AuthorityCredentials op = ca.enrol(country, AuthorityRole.OPERATOR, Duration.ofDays(3650));
        Files.createDirectories(opDir);
        Pem.write(opDir.resolve("key.pem"), org.bouncycastle.crypto.util.PrivateKeyInfoFactory.createPrivateKeyInfo(op.privateKey()));
        Pem.write(opDir.resolve("cert.pem"), op.certificate().certificate());
        return op;
    }
}

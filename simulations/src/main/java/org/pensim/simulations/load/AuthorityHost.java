package org.pensim.simulations.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.RevocationStatus;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.RiskAssessment;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.screening.national.LicensedOperator;
import org.pensim.protocol.screening.national.NationalKnowledge;
import org.pensim.protocol.screening.national.NationalScreening;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.registry.client.RegistryClient;

/**
 * The authorities of a load test that live in one process: exporting authorities that sign and submit
 * the notifications they are told to send, failing over between members, and importing authorities
 * that follow their inboxes, verify, screen and reply. What happens is reported, with the wall-clock
 * time it happened, to {@link Observations}: the driver's own recording when the host runs in the
 * driver, a pipe back to it when the host runs in a {@code pensim load-agent} process.
 */
public final class AuthorityHost implements HostedAuthorities {

    private static final double FLAG_THRESHOLD = 0.5;

    /** Where the registry's members listen and the CA that certifies the authorities. */
    public record Registry(List<String> hosts, List<Integer> ports, X509Certificate ca) {
    }

    /** What the authorities of a host report; times are microseconds since the epoch (wall clock). */
    public interface Observations {
        void acknowledged(String id, long atMicros);

        /** A submission given up after its retries: it counts as sent, not acknowledged. */
        void submissionFailed(String id, String type);

        void delivered(String id, long atMicros);

        void screened(String id, boolean flagged, long atMicros);

        void replied(String id, long atMicros);

        void replyFailed(String id, String type);

        /** A request that failed and was retried (or another error that does not end a notification). */
        void error(String type);
    }

    private final Vertx vertx;
    private final Registry registry;
    private final LoadTraffic traffic;
    private final Observations observations;
    private final Map<Integer, Exporter> exporters = new ConcurrentHashMap<>();
    private final Map<Integer, Importer> importers = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicBoolean malformedLogged = new java.util.concurrent.atomic.AtomicBoolean();

    public AuthorityHost(Vertx vertx, Registry registry, LoadTraffic traffic, Observations observations) {
        this.vertx = vertx;
        this.registry = registry;
        this.traffic = traffic;
        this.observations = observations;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public void addExporter(int index, AuthorityCredentials credentials) {
        exporters.put(index, new Exporter(new DocumentSigner(credentials), clients(credentials)));
    }

    /** Adds an importing authority and starts following its inbox (importer i reads through member i first). */
    public void addImporter(int index, AuthorityCredentials credentials) {
        Importer importer = new Importer(index, credentials);
        importers.put(index, importer);
        importer.follow(index % registry.ports().size(), 0);
    }

    /** Signs and submits notification n from its exporting authority, which this host must hold. */
    @Override
    public void send(long n) {
        Exporter exporter = exporters.get(traffic.exporterOf(n));
        if (exporter == null) {
            throw new IllegalArgumentException("exporting authority " + traffic.exporterOf(n) + " is not hosted here");
        }
        String id = traffic.id(n);
        vertx.executeBlocking(() -> exporter.signer.sign(DocumentType.NOTIFICATION, traffic.notification(n)), false)
                .compose(signed -> send(exporter.clients, (int) (n % exporter.clients.size()), c -> c.submit(signed), 0))
                .onComplete(r -> {
                    if (r.succeeded()) {
                        observations.acknowledged(id, nowMicros());
                    } else {
                        observations.submissionFailed(id, r.cause().getClass().getSimpleName());
                    }
                });
    }

    /** Importer {@code index} stops reading its inbox for a while, then resumes from its cursor. */
    @Override
    public void pause(int index, double seconds) {
        Importer importer = importers.get(index);
        if (importer == null) {
            throw new IllegalArgumentException("importing authority " + index + " is not hosted here");
        }
        importer.pausedUntil = System.nanoTime() + (long) (seconds * 1e9);
    }

    @Override
    public void close() {
        running = false;
        importers.values().forEach(i -> i.worker.close());
    }

    private record Exporter(DocumentSigner signer, List<RegistryClient> clients) {
    }

    private List<RegistryClient> clients(AuthorityCredentials c) {
        List<RegistryClient> perMember = new ArrayList<>();
        for (int m = 0; m < registry.ports().size(); m++) {
            perMember.add(new RegistryClient(vertx, registry.hosts().get(m), registry.ports().get(m), c, Clock.systemUTC()));
        }
        return perMember;
    }

    /** Sends to one member, then to the next on failure; the same signed document each time. */
    private Future<RegistryClient.Response> send(List<RegistryClient> clients, int member,
            Function<RegistryClient, Future<RegistryClient.Response>> request, int attempt) {
        Promise<RegistryClient.Response> p = Promise.promise();
        if (!running) {
            p.fail(new IllegalStateException("the load test has ended"));
            return p.future();
        }
        Future<RegistryClient.Response> answer;
        try {
            answer = request.apply(clients.get(member % clients.size()));
        } catch (IllegalStateException closed) { // the run ended between this retry's scheduling and now
            p.fail(closed);
            return p.future();
        }
        answer.onComplete(r -> {
            if (r.succeeded() && (r.result().status() == 200 || r.result().status() == 201)) {
                p.complete(r.result());
            } else if (attempt < 20 && running) {
                observations.error(r.succeeded() ? "HTTP " + r.result().status() : "retried " + r.cause().getClass().getSimpleName());
                vertx.setTimer(retryDelayMillis(r, attempt), t -> send(clients, member + 1, request, attempt + 1).onComplete(p));
            } else {
                p.fail(r.succeeded() ? new IllegalStateException("HTTP " + r.result().status()) : r.cause());
            }
        });
        return p.future();
    }

    /**
     * As an exporting authority should: no sooner than the registry's Retry-After when it pushes back, and
     * with jitter, so that the refused do not all come back in the same instant and be refused again.
     */
    private static long retryDelayMillis(io.vertx.core.AsyncResult<RegistryClient.Response> r, int attempt) {
        long delay = 200L * (attempt + 1);
        if (r.succeeded() && r.result().status() == 503) {
            delay = Math.max(delay, 1000L * Math.max(1, r.result().retryAfterSeconds()));
        }
        return delay + java.util.concurrent.ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }

    /**
     * An importing authority as the nodes are, reduced to what load matters: it follows its inbox, checks
     * each notification's signature itself, screens it nationally, and replies (objection when flagged).
     */
    private final class Importer {
        final int index;
        final String country;
        final AuthorityCredentials credentials;
        final SignatureVerifier verifier;
        final NationalScreening screening;
        final DocumentSigner signer;
        final List<RegistryClient> replyClients;
        final WorkerExecutor worker;
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        volatile long pausedUntil;

        Importer(int index, AuthorityCredentials credentials) {
            this.index = index;
            this.country = LoadTraffic.IMPORTING[index];
            this.credentials = credentials;
            this.verifier = new SignatureVerifier(new CertificateChecker(registry.ca(), RevocationStatus.NONE, Clock.systemUTC()));
            NationalKnowledge knowledge = new NationalKnowledge(CountryProfiles.standard().of(country),
                    SubstanceCatalogue.standard(), LoadTraffic.HUBS_OF_CONCERN);
            knowledge.register().license(new LicensedOperator("Deccan Pharma Formulations Pvt Ltd", country,
                    List.of(new Identifier("NCB-REG", "TS-HYD-2019-0412")), LocalDate.now().plusYears(5), Set.of()));
            this.screening = new NationalScreening(knowledge, ScreeningPolicy.defaults(), Clock.systemUTC(), System::nanoTime);
            this.signer = new DocumentSigner(credentials);
            this.replyClients = clients(credentials);
            // One thread an importer: its screening state is its own, as in a node.
            this.worker = vertx.createSharedWorkerExecutor("pensim-load-importer-" + index, 1);
        }

        /** Follows the inbox; after a member failure (or a pause) resumes on the next member from its cursor. */
        void follow(int member, long after) {
            if (!running) {
                return;
            }
            AtomicLong cursor = new AtomicLong(after);
            RegistryClient client = new RegistryClient(vertx, registry.hosts().get(member), registry.ports().get(member),
                    credentials, Clock.systemUTC());
            client.followInbox(after, e -> {
                if (System.nanoTime() < pausedUntil) {
                    client.close(); // paused: stop reading; the cursor stays where it was
                    return;
                }
                if (!e.hasNonNull("sequence")) {
                    // Not an inbox entry (the stream's data did not parse): counted, and the stream goes on.
                    observations.error("importer: malformed inbox entry");
                    if (malformedLogged.compareAndSet(false, true)) {
                        org.slf4j.LoggerFactory.getLogger(AuthorityHost.class).warn("first malformed inbox entry: {}",
                                e.toString().substring(0, Math.min(300, e.toString().length())));
                    }
                    return;
                }
                long seq = e.get("sequence").asLong();
                if (seq <= cursor.get()) {
                    return;
                }
                cursor.set(seq);
                if (!"NOTIFICATION".equals(e.path("kind").asText())) {
                    return;
                }
                String id = e.get("id").asText();
                // Every delivery is reported (the driver counts duplicates); only the first is screened.
                observations.delivered(id, nowMicros());
                if (seen.add(id)) {
                    screenAndReply(id, e);
                }
            }).onComplete(done -> {
                client.close();
                if (running) {
                    long pausedFor = Math.max(0, pausedUntil - System.nanoTime());
                    vertx.setTimer(500 + TimeUnit.NANOSECONDS.toMillis(pausedFor),
                            t -> follow((member + 1) % registry.ports().size(), cursor.get()));
                }
            });
        }

        private void screenAndReply(String id, JsonNode entry) {
            worker.executeBlocking(() -> {
                SignedDocument envelope = SignedDocument.fromJson(entry.get("envelope"));
                verifier.verify(envelope, DocumentType.NOTIFICATION);
                PreExportNotification n = ProtocolJson.fromTree(envelope.document(), PreExportNotification.class);
                // Screened without adding it to the trade history: the test repeats one licit order many
                // times, which would soon exceed every annual requirement and flag licit trade.
                RiskAssessment risk = screening.screen(n, Instant.parse(entry.get("deliveredAt").asText()), System.nanoTime());
                boolean flag = risk.score() >= FLAG_THRESHOLD;
                observations.screened(id, flag, nowMicros());
                List<String> reasons = flag ? risk.flags().stream().map(Flag::explanation).limit(3).toList() : List.of();
                LifecycleEvent reply = LifecycleEvent.reply(country + "-R-" + id, id, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        country, flag ? Decision.OBJECTION : Decision.NO_OBJECTION, reasons);
                return signer.sign(DocumentType.EVENT, reply);
            }, true).compose(signed -> send(replyClients, index, c -> c.event(id, signed), 0)).onComplete(r -> {
                if (r.succeeded()) {
                    observations.replied(id, nowMicros());
                } else {
                    observations.replyFailed(id, "importer: " + r.cause().getClass().getSimpleName());
                }
            });
        }
    }
}

package org.pensim.simulations.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.registry.RegistryMember;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.cluster.LocalCluster;
import org.pensim.registry.config.RegistryConfig;

/**
 * An open-loop load test of a registry cluster started in this process: notifications are sent at their
 * intended times whatever the answers, latency is measured from the intended time (so a stalled
 * cluster cannot hide its delay: no coordinated omission), exporters fail over between members and
 * resend (the registry's idempotency makes that safe), importers follow their inboxes and resume after
 * member failures. At the end every acknowledged notification must have reached its importer exactly
 * once: {@code lost} and {@code duplicated} in {@code summary.json}.
 */
public final class LoadTest {

    private static final String[] EXPORTING = {"DE", "NL", "FR", "BE", "IT", "ES", "CH", "GB", "US", "JP", "KR", "CN"};
    private static final String[] IMPORTING = {"IN", "NG", "BR", "TR", "MX", "ZA", "ID", "AU", "AE", "CO", "PE", "GH"};

    private final LoadProfile profile;
    private final Path out;
    private final PrintStream console;

    public LoadTest(LoadProfile profile, Path out, PrintStream console) {
        this.profile = profile;
        this.out = out;
        this.console = console;
    }

    /** Per importer: when each notification was first delivered, and how often. */
    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Long> intended = new ConcurrentHashMap<>();
    private final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Recorder ackLatency = new Recorder(3);
    private final Recorder deliveryLatency = new Recorder(3);
    private final AtomicLong completed = new AtomicLong();
    private volatile boolean running = true;

    public ObjectNode run() throws Exception {
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("pensim-load");
        List<Integer> httpPorts = new ArrayList<>();
        for (int i = 0; i < profile.members(); i++) {
            httpPorts.add(LocalCluster.freePort());
        }
        List<RegistryConfig> configs = LocalCluster.configs("pensim-load-" + System.nanoTime(), profile.members(), httpPorts,
                work.resolve("ca"), "jdbc:h2:file:" + work.resolve("db/registry") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", 60);
        List<RegistryMember> members = new ArrayList<>(LocalCluster.start(configs, Clock.systemUTC()));
        Vertx vertx = Vertx.vertx();
        try {
            RegistryClient operator = new RegistryClient(vertx, "127.0.0.1", httpPorts.get(0), members.get(0).operator(),
                    Clock.systemUTC());
            List<List<RegistryClient>> exporters = new ArrayList<>();
            List<DocumentSigner> signers = new ArrayList<>();
            for (int i = 0; i < profile.exporters(); i++) {
                AuthorityCredentials c = enrol(operator, EXPORTING[i % EXPORTING.length], AuthorityRole.EXPORTING);
                signers.add(new DocumentSigner(c));
                List<RegistryClient> perMember = new ArrayList<>();
                for (int m = 0; m < profile.members(); m++) {
                    perMember.add(new RegistryClient(vertx, "127.0.0.1", httpPorts.get(m), c, Clock.systemUTC()));
                }
                exporters.add(perMember);
            }
            for (int j = 0; j < profile.importers(); j++) {
                AuthorityCredentials c = enrol(operator, IMPORTING[j % IMPORTING.length], AuthorityRole.IMPORTING);
                follow(vertx, c, httpPorts, j % profile.members(), 0);
            }
            ObjectNode template = (ObjectNode) ProtocolJson.parse(
                    LoadTest.class.getClassLoader().getResourceAsStream("load/notification.json").readAllBytes());

            Thread faults = new Thread(() -> injectFaults(members, configs), "pensim-load-faults");
            long start = System.nanoTime();
            faults.start();
            PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("intervals.csv")));
            csv.println("elapsedSeconds,offeredPerSecond,acknowledgedPerSecond,ackP50Ms,ackP90Ms,ackP99Ms,ackP999Ms,ackMaxMs,"
                    + "deliveryP50Ms,deliveryP99Ms,errors");
            HistogramLogWriter log = new HistogramLogWriter(out.resolve("ack-latency.hlog").toFile());
            log.outputLogFormatVersion();
            log.outputStartTime(System.currentTimeMillis());
            log.outputLegend();
            Histogram ackTotal = new Histogram(3);
            Histogram deliveryTotal = new Histogram(3);
            console.printf("%-8s %9s %9s %8s %8s %8s %9s %8s %10s %8s%n", "elapsed", "offered/s", "acked/s", "p50 ms",
                    "p90 ms", "p99 ms", "p99.9 ms", "max ms", "deliv p99", "errors");
            // The sender: open loop, intended times from the profile's rate.
            long sent = 0;
            double elapsed = 0;
            long nextReport = start + TimeUnit.SECONDS.toNanos(2);
            long lastAcked = 0;
            long lastSent = 0;
            Histogram ackInterval = null;
            Histogram deliveryInterval = null;
            while (elapsed < profile.durationSeconds()) {
                double rate = profile.rateAt(elapsed);
                long intendedAt = start + (long) (elapsed * 1e9);
                long wait = intendedAt - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String id = "LOAD-" + (++sent);
                int e = (int) (sent % profile.exporters());
                String importing = IMPORTING[(int) (sent % profile.importers()) % IMPORTING.length];
                ObjectNode doc = template.deepCopy();
                String exportingCountry = EXPORTING[e % EXPORTING.length];
                doc.put("id", exportingCountry + "-" + id).put("exportingCountry", exportingCountry).put("importingCountry", importing);
                ((ObjectNode) doc.at("/parties/0/address")).put("country", exportingCountry);
                ((ObjectNode) doc.at("/parties/1/address")).put("country", importing);
                intended.put(doc.get("id").asText(), intendedAt);
                DocumentSigner signer = signers.get(e);
                List<RegistryClient> clients = exporters.get(e);
                long s = sent;
                vertx.executeBlocking(() -> signer.sign(DocumentType.NOTIFICATION, doc), false)
                        .compose(signed -> submit(vertx, clients, (int) (s % profile.members()), signed, 0))
                        .onComplete(r -> {
                            completed.incrementAndGet();
                            if (r.succeeded()) {
                                acknowledged.put(doc.get("id").asText(), true);
                                ackLatency.recordValue(Math.max(1, (System.nanoTime() - intendedAt) / 1000));
                            } else {
                                errors.computeIfAbsent(r.cause().getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                            }
                        });
                elapsed += 1.0 / rate;
                if (System.nanoTime() >= nextReport) {
                    ackInterval = ackLatency.getIntervalHistogram(ackInterval);
                    deliveryInterval = deliveryLatency.getIntervalHistogram(deliveryInterval);
                    ackTotal.add(ackInterval);
                    deliveryTotal.add(deliveryInterval);
                    log.outputIntervalHistogram(ackInterval);
                    long acked = acknowledged.size();
                    report(csv, (System.nanoTime() - start) / 1e9, (sent - lastSent) / 2.0, (acked - lastAcked) / 2.0,
                            ackInterval, deliveryInterval);
                    lastAcked = acked;
                    lastSent = sent;
                    nextReport += TimeUnit.SECONDS.toNanos(2);
                }
            }
            // Let the last answers and deliveries arrive.
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(profile.drainSeconds());
            while (System.nanoTime() < drainUntil && (completed.get() < sent || !allDelivered())) {
                Thread.sleep(200);
            }
            faults.join(TimeUnit.SECONDS.toMillis(profile.durationSeconds() + 60L));
            running = false;
            ackTotal.add(ackLatency.getIntervalHistogram());
            deliveryTotal.add(deliveryLatency.getIntervalHistogram());
            csv.close();
            log.close();
            long lost = acknowledged.keySet().stream().filter(id -> !deliveredAt.containsKey(id)).count();
            long duplicated = deliveries.values().stream().filter(n -> n > 1).count();
            ObjectNode summary = ProtocolJson.mapper().createObjectNode();
            summary.put("profile", profile.name());
            summary.put("members", profile.members());
            summary.put("sent", sent);
            summary.put("acknowledged", acknowledged.size());
            summary.put("delivered", deliveredAt.size());
            summary.put("lost", lost);
            summary.put("duplicated", duplicated);
            summary.put("offeredPerSecond", sent / (double) profile.durationSeconds());
            summary.put("acknowledgedPerSecond", acknowledged.size() / (double) profile.durationSeconds());
            summary.set("acknowledgementMs", percentiles(ackTotal));
            summary.set("deliveryMs", percentiles(deliveryTotal));
            ObjectNode errs = summary.putObject("errors");
            new TreeMap<>(errors).forEach((k, v) -> errs.put(k, v.get()));
            Files.writeString(out.resolve("summary.json"), ProtocolJson.pretty(summary) + "\n");
            console.printf(Locale.ROOT, "%nsent %d, acknowledged %d, delivered %d, lost %d, duplicated %d; ack p99 %.1f ms%n",
                    sent, acknowledged.size(), deliveredAt.size(), lost, duplicated, ackTotal.getValueAtPercentile(99) / 1000.0);
            return summary;
        } finally {
            running = false;
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (RegistryMember m : members) {
                if (m != null && m.hazelcast().getLifecycleService().isRunning()) {
                    m.close();
                }
            }
        }
    }

    private boolean allDelivered() {
        return acknowledged.keySet().stream().allMatch(deliveredAt::containsKey);
    }

    private void report(PrintWriter csv, double elapsed, double offered, double acked, Histogram ack, Histogram delivery) {
        double e = errors.values().stream().mapToLong(AtomicLong::get).sum();
        console.printf(Locale.ROOT, "%-8s %9.0f %9.0f %8.1f %8.1f %8.1f %9.1f %8.1f %10.1f %8.0f%n", (int) elapsed + " s", offered,
                acked, ms(ack, 50), ms(ack, 90), ms(ack, 99), ms(ack, 99.9), ack.getMaxValue() / 1000.0, ms(delivery, 99), e);
        csv.printf(Locale.ROOT, "%.1f,%.1f,%.1f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.0f%n", elapsed, offered, acked, ms(ack, 50),
                ms(ack, 90), ms(ack, 99), ms(ack, 99.9), ack.getMaxValue() / 1000.0, ms(delivery, 50), ms(delivery, 99), e);
    }

    private static double ms(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1000.0;
    }

    private static ObjectNode percentiles(Histogram h) {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.put("p50", ms(h, 50)).put("p90", ms(h, 90)).put("p99", ms(h, 99)).put("p99.9", ms(h, 99.9))
                .put("max", h.getMaxValue() / 1000.0).put("count", h.getTotalCount());
        return n;
    }

    /** Sends to one member, then to the next on failure; the same signed document each time. */
    private Future<RegistryClient.Response> submit(Vertx vertx, List<RegistryClient> clients, int member, SignedDocument doc,
            int attempt) {
        Promise<RegistryClient.Response> p = Promise.promise();
        clients.get(member % clients.size()).submit(doc).onComplete(r -> {
            if (r.succeeded() && (r.result().status() == 200 || r.result().status() == 201)) {
                p.complete(r.result());
            } else if (attempt < 20 && running) {
                if (r.succeeded()) {
                    errors.computeIfAbsent("HTTP " + r.result().status(), k -> new AtomicLong()).incrementAndGet();
                } else {
                    errors.computeIfAbsent("retried " + r.cause().getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                }
                vertx.setTimer(200L * (attempt + 1), t -> submit(vertx, clients, member + 1, doc, attempt + 1).onComplete(p));
            } else {
                p.fail(r.succeeded() ? new IllegalStateException("HTTP " + r.result().status()) : r.cause());
            }
        });
        return p.future();
    }

    /** Follows an importer's inbox; after a member failure resumes on the next member from the last sequence. */
    private void follow(Vertx vertx, AuthorityCredentials importer, List<Integer> ports, int member, long after) {
        if (!running) {
            return;
        }
        AtomicLong cursor = new AtomicLong(after);
        RegistryClient client = new RegistryClient(vertx, "127.0.0.1", ports.get(member), importer, Clock.systemUTC());
        client.followInbox(after, e -> {
            long seq = e.get("sequence").asLong();
            if (seq <= cursor.get()) {
                return;
            }
            cursor.set(seq);
            if (!"NOTIFICATION".equals(e.path("kind").asText())) {
                return;
            }
            String id = e.get("id").asText();
            long now = System.nanoTime();
            if (deliveries.merge(id, 1, Integer::sum) == 1) {
                deliveredAt.put(id, now);
                Long t = intended.get(id);
                if (t != null) {
                    deliveryLatency.recordValue(Math.max(1, (now - t) / 1000));
                }
            }
        }).onComplete(done -> {
            client.close();
            if (running) {
                vertx.setTimer(500, t -> follow(vertx, importer, ports, (member + 1) % ports.size(), cursor.get()));
            }
        });
    }

    private void injectFaults(List<RegistryMember> members, List<RegistryConfig> configs) {
        long start = System.nanoTime();
        for (LoadProfile.Fault f : profile.faults() == null ? List.<LoadProfile.Fault>of() : profile.faults()) {
            long at = start + (long) (f.atSeconds() * 1e9);
            while (System.nanoTime() < at) {
                LockSupport.parkNanos(Math.max(1, at - System.nanoTime()));
            }
            try {
                if (f.action().equals("kill")) {
                    console.println("fault: killing member " + f.member());
                    members.get(f.member()).kill();
                } else {
                    console.println("fault: restarting member " + f.member());
                    members.set(f.member(), RegistryMember.start(configs.get(f.member()), Clock.systemUTC()));
                }
            } catch (Exception e) {
                console.println("fault " + f.action() + " of member " + f.member() + " failed: " + e.getMessage());
            }
        }
    }

    private static AuthorityCredentials enrol(RegistryClient operator, String country, AuthorityRole role) throws Exception {
        return operator.enrolNewKey(country, role).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}

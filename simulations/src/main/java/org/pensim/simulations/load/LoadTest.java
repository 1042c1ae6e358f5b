package org.pensim.simulations.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
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
import org.HdrHistogram.Recorder;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.registry.RegistryMember;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.cluster.LocalCluster;
import org.pensim.registry.config.RegistryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpServer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;
import org.pensim.protocol.pki.Pem;

/**
 * An open-loop load test of a registry cluster, started in this process or running elsewhere:
 * notifications are sent at their intended times whatever the answers, and every latency is measured
 * from the intended time (a stalled cluster cannot hide its delay: no coordinated omission). The
 * authorities live in this process or in {@code processes} agent processes ({@link AuthorityHost},
 * {@link LoadAgent}); exporters fail over between members and resend (the registry's idempotency makes
 * that safe); importers follow their inboxes, resume after member failures, verify and screen each
 * notification with the nodes' national screening and reply, so the test measures submission to
 * acknowledgement, to delivery, to the first flag and to the reply. At the end every acknowledged
 * notification must have reached its importer exactly once: {@code lost} and {@code duplicated} in
 * {@code summary.json}. Prometheus metrics are served while it runs ({@code docs/grafana/pensim-load.json}).
 */
public final class LoadTest implements AuthorityHost.Observations {

    private final LoadProfile profile;
    private final Path out;
    private final PrintWriter console;
    private final int metricsPort;

    public LoadTest(LoadProfile profile, Path out, PrintWriter console) {
        this(profile, out, console, -1);
    }

    /** @param metricsPort where Prometheus metrics are served while the test runs; 0 any free port, -1 none */
    public LoadTest(LoadProfile profile, Path out, PrintWriter console, int metricsPort) {
        this.profile = profile;
        this.out = out;
        this.console = console;
        this.metricsPort = metricsPort;
    }

    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Long> intended = new ConcurrentHashMap<>();
    private final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> suspicious = ConcurrentHashMap.newKeySet();
    private final Set<String> flagged = ConcurrentHashMap.newKeySet();
    private final Set<String> replied = ConcurrentHashMap.newKeySet();
    private final AtomicLong screened = new AtomicLong();
    private final AtomicLong replyOutcomes = new AtomicLong();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Recorder ackLatency = new Recorder(3);
    private final Recorder deliveryLatency = new Recorder(3);
    private final Recorder flagLatency = new Recorder(3);
    private final Recorder replyLatency = new Recorder(3);
    private final AtomicLong completed = new AtomicLong();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer ackTimer = timer("pensim_load_acknowledgement", "intended send to the registry's receipt");
    private final Timer deliveryTimer = timer("pensim_load_delivery", "intended send to delivery at the importer");
    private final Timer flagTimer = timer("pensim_load_time_to_flag", "intended send to the importer's first flag");
    private final Timer replyTimer = timer("pensim_load_reply", "intended send to the registry's acceptance of the reply");
    private final Counter sentCounter = Counter.builder("pensim_load_sent").description("notifications sent").register(metrics);
    private final Counter ackCounter = Counter.builder("pensim_load_acknowledged")
            .description("notifications acknowledged by the registry").register(metrics);
    private final Counter flagCounter = Counter.builder("pensim_load_flagged")
            .description("notifications flagged by the registry's global indicators").register(metrics);
    private volatile double offeredRate;

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(60)).register(metrics);
    }

    @Override
    public void error(String type) {
        errors.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
        Counter.builder("pensim_load_errors").description("requests that failed, by kind of failure").tag("type", type)
                .register(metrics).increment();
    }

    // What the authorities report, wherever they run; latencies from each notification's intended time.

    @Override
    public void acknowledged(String id, long atMicros) {
        if (acknowledged.put(id, true) == null) {
            completed.incrementAndGet();
            ackCounter.increment();
            latency(ackLatency, ackTimer, id, atMicros);
        }
    }

    @Override
    public void submissionFailed(String id, String type) {
        completed.incrementAndGet();
        error(type);
    }

    @Override
    public void delivered(String id, long atMicros) {
        if (deliveries.merge(id, 1, Integer::sum) == 1) {
            deliveredAt.put(id, atMicros);
            latency(deliveryLatency, deliveryTimer, id, atMicros);
        }
    }

    @Override
    public void screened(String id, boolean flag, long atMicros) {
        screened.incrementAndGet();
        if (flag && flagged.add(id)) {
            flagCounter.increment();
            latency(flagLatency, flagTimer, id, atMicros);
        }
    }

    @Override
    public void replied(String id, long atMicros) {
        replyOutcomes.incrementAndGet();
        if (replied.add(id)) {
            latency(replyLatency, replyTimer, id, atMicros);
        }
    }

    @Override
    public void replyFailed(String id, String type) {
        replyOutcomes.incrementAndGet();
        error(type);
    }

    private void latency(Recorder recorder, Timer timer, String id, long atMicros) {
        Long t = intended.get(id);
        if (t != null) {
            long micros = Math.max(1, atMicros - t);
            recorder.recordValue(micros);
            timer.record(micros, TimeUnit.MICROSECONDS);
        }
    }

    public ObjectNode run() throws Exception {
        Files.createDirectories(out);
        LoadTarget target = LoadTarget.of(profile);
        Vertx vertx = Vertx.vertx();
        HttpServer metricsServer = null;
        List<HostedAuthorities> hosts = List.of();
        try {
            if (metricsPort >= 0) {
                io.micrometer.core.instrument.Gauge.builder("pensim_load_offered_rate", this, t -> t.offeredRate)
                        .description("notifications a second the profile offers now")
                        .register(metrics);
                metricsServer = vertx.createHttpServer().requestHandler(req -> {
                    try {
                        req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
                    } catch (RuntimeException e) {
                        req.response().setStatusCode(503).end("metrics not available: " + e);
                    }
                })
                        .listen(metricsPort).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                console.printf("Prometheus metrics at http://localhost:%d/metrics%n", metricsServer.actualPort());
            }
            RegistryClient operator = new RegistryClient(vertx, target.hosts().get(0), target.ports().get(0), target.operator(),
                    Clock.systemUTC());
            LoadTraffic traffic = new LoadTraffic(profile.exporters(), profile.importers(), profile.suspicious());
            WarmUp warmUp = new WarmUp(profile, this);
            hosts = hosts(vertx, operator, target, traffic, warmUp);
            List<HostedAuthorities> hostsOf = hosts;
            long warmed = warmUp.run(traffic::id, n -> hostsOf.get(traffic.exporterOf(n) % hostsOf.size()).send(n), console);
            Thread faults = new Thread(new FaultSchedule(profile, target, hostsOf, console), "pensim-load-faults");
            long start = System.nanoTime();
            long startMicros = AuthorityHost.nowMicros();
            faults.start();
            IntervalReport intervals = new IntervalReport(out, profile.name(), console, ackLatency, deliveryLatency,
                    flagLatency, replyLatency);
            SustainableRate sustainable = new SustainableRate(profile.sustainableBoundMs());
            long sent = 0;
            double elapsed = 0;
            long nextReport = start + TimeUnit.SECONDS.toNanos(2);
            long lastAcked = 0;
            long lastSent = 0;
            while (elapsed < profile.durationSeconds()) {
                double rate = profile.rateAt(elapsed);
                offeredRate = rate;
                long intendedAt = start + (long) (elapsed * 1e9);
                long wait = intendedAt - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                sent++;
                long n = warmed + sent; // numbered after the warm-up's notifications
                String id = traffic.id(n);
                intended.put(id, startMicros + (long) (elapsed * 1e6));
                if (traffic.suspicious(n)) {
                    suspicious.add(id);
                }
                sentCounter.increment();
                hosts.get(traffic.exporterOf(n) % hosts.size()).send(n);
                elapsed += 1.0 / rate;
                if (System.nanoTime() >= nextReport) {
                    long acked = acknowledged.size();
                    Histogram[] stages = intervals.next();
                    intervals.row((System.nanoTime() - start) / 1e9, (sent - lastSent) / 2.0, (acked - lastAcked) / 2.0,
                            stages, errorCount());
                    sustainable.add(new SustainableRate.Interval((sent - lastSent) / 2.0, (acked - lastAcked) / 2.0,
                            stages[1].getTotalCount() / 2.0, IntervalReport.ms(stages[1], 99), IntervalReport.ms(stages[2], 99)));
                    lastAcked = acked;
                    lastSent = sent;
                    nextReport += TimeUnit.SECONDS.toNanos(2);
                }
            }
            offeredRate = 0;
            // Let the last answers, deliveries and replies arrive.
            // Past drainSeconds the drain goes on while deliveries still progress (a run beyond capacity leaves a
            // backlog that is late, not lost), up to four times as long.
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(profile.drainSeconds());
            long hardStop = System.nanoTime() + TimeUnit.SECONDS.toNanos(4L * profile.drainSeconds());
            long lastProgress = System.nanoTime();
            int lastDelivered = -1;
            while ((completed.get() < sent || !allDelivered() || replyOutcomes.get() < deliveredAt.size())
                    && System.nanoTime() < hardStop
                    && (System.nanoTime() < drainUntil || System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(5))) {
                Thread.sleep(200);
                if (deliveredAt.size() != lastDelivered) {
                    lastDelivered = deliveredAt.size();
                    lastProgress = System.nanoTime();
                }
                if (System.nanoTime() >= nextReport) {
                    long acked = acknowledged.size();
                    intervals.row((System.nanoTime() - start) / 1e9, 0, (acked - lastAcked) / 2.0, intervals.next(), errorCount());
                    lastAcked = acked;
                    nextReport += TimeUnit.SECONDS.toNanos(2);
                }
            }
            faults.join(TimeUnit.SECONDS.toMillis(profile.durationSeconds() + 60L));
            long failedProcesses = hosts.stream().filter(HostedAuthorities::failed).count();
            hosts.forEach(HostedAuthorities::close);
            hosts = List.of();
            intervals.next();
            intervals.close();
            Histogram ackTotal = intervals.total(0);
            Histogram deliveryTotal = intervals.total(1);
            Histogram flagTotal = intervals.total(2);
            Histogram replyTotal = intervals.total(3);
            // The promise covers the warm-up's notifications too: lost and duplicated count them (and summary.warmup
            // counts them alone); every other figure is the measured run's.
            long lost = acknowledged.keySet().stream().filter(id -> !deliveredAt.containsKey(id)).count() + warmUp.lost();
            long duplicated = deliveries.values().stream().filter(n -> n > 1).count() + warmUp.duplicated();
            ObjectNode summary = ProtocolJson.mapper().createObjectNode();
            summary.put("profile", profile.name());
            summary.put("registry", profile.registry() == null ? "started in this process" : "external");
            summary.put("members", target.ports().size());
            summary.put("authorityProcesses", profile.authorityProcesses());
            summary.put("authorityProcessesFailed", failedProcesses);
            summary.put("sent", sent);
            summary.put("acknowledged", acknowledged.size());
            summary.put("delivered", deliveredAt.size());
            summary.put("screened", screened.get());
            summary.put("suspiciousSent", suspicious.size());
            summary.put("flagged", flagged.size());
            summary.put("suspiciousFlagged", flagged.stream().filter(suspicious::contains).count());
            summary.put("replied", replied.size());
            summary.put("lost", lost);
            summary.put("duplicated", duplicated);
            summary.put("offeredPerSecond", sent / (double) profile.durationSeconds());
            summary.put("acknowledgedPerSecond", acknowledged.size() / (double) profile.durationSeconds());
            summary.set("acknowledgementMs", IntervalReport.percentiles(ackTotal));
            summary.set("deliveryMs", IntervalReport.percentiles(deliveryTotal));
            summary.set("timeToFlagMs", IntervalReport.percentiles(flagTotal));
            summary.set("replyMs", IntervalReport.percentiles(replyTotal));
            summary.put("highestSustainedPerSecond", sustainable.highest());
            summary.put("sustainedMeans", sustainable.criterion(2));
            ObjectNode errs = summary.putObject("errors");
            new TreeMap<>(errors).forEach((k, v) -> errs.put(k, v.get()));
            summary.set("warmup", warmUp.summary());
            Files.writeString(out.resolve("summary.json"), ProtocolJson.pretty(summary) + "\n");
            console.printf(Locale.ROOT, "%nsent %d, acknowledged %d, delivered %d, flagged %d (%d of %d suspicious), replied %d, "
                    + "lost %d, duplicated %d; ack p99 %.1f ms, time-to-flag p99 %.1f ms%n", sent, acknowledged.size(),
                    deliveredAt.size(), flagged.size(), summary.get("suspiciousFlagged").asLong(), suspicious.size(),
                    replied.size(), lost, duplicated, IntervalReport.ms(ackTotal, 99), IntervalReport.ms(flagTotal, 99));
            console.printf(Locale.ROOT, "highest sustained rate: %.0f/s (%s)%n", sustainable.highest(), sustainable.criterion(2));
            return summary;
        } finally {
            hosts.forEach(HostedAuthorities::close);
            if (metricsServer != null) {
                metricsServer.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (RegistryMember m : target.members()) {
                if (m != null && m.hazelcast().getLifecycleService().isRunning()) {
                    m.close();
                }
            }
        }
    }

    private boolean allDelivered() {
        return acknowledged.keySet().stream().allMatch(deliveredAt::containsKey);
    }

    private double errorCount() {
        return errors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /**
     * Enrols the authorities and places them: all in this process, or dealt round-robin over agent
     * processes (exporter i and importer j in process i mod P and j mod P).
     */
    private List<HostedAuthorities> hosts(Vertx vertx, RegistryClient operator, LoadTarget target, LoadTraffic traffic,
            AuthorityHost.Observations observations) throws Exception {
        int processes = profile.authorityProcesses();
        List<Map<Integer, AuthorityCredentials>> exporting = new ArrayList<>();
        List<Map<Integer, AuthorityCredentials>> importing = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            exporting.add(new TreeMap<>());
            importing.add(new TreeMap<>());
        }
        for (int i = 0; i < profile.exporters(); i++) {
            exporting.get(i % processes).put(i, enrol(operator, LoadTraffic.exportingCountry(i), AuthorityRole.EXPORTING));
        }
        for (int j = 0; j < profile.importers(); j++) {
            importing.get(j % processes).put(j, enrol(operator, LoadTraffic.IMPORTING[j], AuthorityRole.IMPORTING));
        }
        List<HostedAuthorities> hosts = new ArrayList<>();
        try {
            if (processes == 1) {
                AuthorityHost host = new AuthorityHost(vertx, target.registry(), traffic, observations);
                hosts.add(host);
                exporting.get(0).forEach(host::addExporter);
                importing.get(0).forEach(host::addImporter);
                return hosts;
            }
            for (int p = 0; p < processes; p++) {
                hosts.add(AgentProcess.start(p, LoadAgent.plan(target.registry(), profile, exporting.get(p), importing.get(p)),
                        out, observations));
            }
            console.printf("authorities in %d agent processes (logs: %s/agent-*.log)%n", processes, out);
            return hosts;
        } catch (Exception | Error e) {
            hosts.forEach(HostedAuthorities::close);
            throw e;
        }
    }

    private static AuthorityCredentials enrol(RegistryClient operator, String country, AuthorityRole role) throws Exception {
        return operator.enrolNewKey(country, role).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}

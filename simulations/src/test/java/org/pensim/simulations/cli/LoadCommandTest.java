package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.registry.TestCluster;
import org.pensim.simulations.load.LoadProfile;
import org.pensim.simulations.load.LoadTest;

/**
 * Short load tests: a member killed and restarted under open-loop load loses and duplicates nothing,
 * importers screen and reply, a paused importer catches up, metrics are served while the test runs, and
 * a cluster started elsewhere can be driven by address.
 */
class LoadCommandTest {

    @Test
    void a_member_killed_and_restarted_under_load_loses_nothing_and_delivers_nothing_twice(@TempDir Path tmp) throws Exception {
        Path profile = tmp.resolve("failover.yaml");
        Files.writeString(profile, """
                name: failover-test
                members: 3
                exporters: 3
                importers: 2
                shape: constant
                rate: 30
                rampTo: 0
                durationSeconds: 12
                drainSeconds: 30
                suspiciousShare: 0.2
                faults:
                  - {atSeconds: 3, action: kill, member: 1}
                  - {atSeconds: 5, action: pause-importer, importer: 0, seconds: 3}
                  - {atSeconds: 7, action: restart, member: 1}
                """);
        CliRun r = CliRun.of("load", profile.toString(), "--out", tmp.resolve("out").toString(), "--metrics-port", "-1");
        var summary = ProtocolJson.parse(Files.readAllBytes(tmp.resolve("out/summary.json")));
        assertThat(summary.get("sent").asLong()).isGreaterThan(300);
        assertThat(summary.get("acknowledged").asLong()).isEqualTo(summary.get("sent").asLong());
        assertThat(summary.get("lost").asLong()).isZero();
        assertThat(summary.get("duplicated").asLong()).isZero();
        // Every delivered notification was screened and answered; the diversion-like ones were flagged.
        long delivered = summary.get("delivered").asLong();
        assertThat(summary.get("screened").asLong()).isEqualTo(delivered);
        assertThat(summary.get("replied").asLong()).isEqualTo(delivered);
        assertThat(summary.get("suspiciousSent").asLong()).isBetween(55L, 80L);
        assertThat(summary.get("suspiciousFlagged").asLong()).isEqualTo(summary.get("suspiciousSent").asLong());
        assertThat(summary.get("flagged").asLong()).isEqualTo(summary.get("suspiciousSent").asLong());
        assertThat(summary.at("/timeToFlagMs/count").asLong()).isEqualTo(summary.get("flagged").asLong());
        assertThat(summary.at("/replyMs/count").asLong()).isEqualTo(delivered);
        assertThat(r.exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("out/intervals.csv"))).startsWith("elapsedSeconds,offeredPerSecond")
                .contains("flagP99Ms");
        assertThat(Files.readString(tmp.resolve("out/ack-latency.hlog"))).contains("#[StartTime");
    }

    @Test
    void a_cluster_started_elsewhere_is_driven_by_address_and_metrics_are_served_while_it_runs(@TempDir Path tmp)
            throws Exception {
        try (TestCluster cluster = new TestCluster(2).start()) {
            Path profile = tmp.resolve("external.yaml");
            Files.writeString(profile, """
                    name: external-test
                    members: 0
                    exporters: 2
                    importers: 2
                    shape: constant
                    rate: 20
                    rampTo: 0
                    durationSeconds: 6
                    drainSeconds: 20
                    faults: []
                    registry:
                      addresses: ["127.0.0.1:%d", "127.0.0.1:%d"]
                      authorityDir: %s
                    """.formatted(cluster.members.get(0).httpPort(), cluster.members.get(1).httpPort(), cluster.dir.resolve("ca")));
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            LoadTest test = new LoadTest(LoadProfile.load(profile), tmp.resolve("out"), new java.io.PrintWriter(console, true), 0);
            AtomicReference<String> scraped = new AtomicReference<>("nothing scraped: no metrics address printed");
            java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
            Thread scraper = new Thread(() -> {
                try {
                    String url = null;
                    while (url == null && !finished.get()) {
                        Thread.sleep(200);
                        var m = java.util.regex.Pattern.compile("(http://localhost:\\d+/metrics)")
                                .matcher(console.toString(StandardCharsets.UTF_8));
                        url = m.find() ? m.group(1) : null;
                    }
                    // Scraped as Prometheus would, every half second, while the test runs and until the
                    // series are there; the last answer that came is kept (a busy machine may drop one).
                    HttpClient http = HttpClient.newHttpClient();
                    while (url != null && !finished.get()
                            && !scraped.get().contains("pensim_load_acknowledgement_seconds_bucket")) {
                        Thread.sleep(500);
                        try {
                            scraped.set(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(5))
                                    .build(), HttpResponse.BodyHandlers.ofString()).body());
                        } catch (java.io.IOException e) {
                            // Tried again at the next interval; should none succeed, the assertion says why.
                            if (!scraped.get().contains("pensim_load_")) {
                                scraped.set("nothing scraped from " + url + " (" + attempts.incrementAndGet()
                                        + " attempts failed, the last with " + e + ")");
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            scraper.start();
            var summary = test.run();
            finished.set(true);
            scraper.join(30_000);
            assertThat(summary.get("registry").asText()).isEqualTo("external");
            assertThat(summary.get("highestSustainedPerSecond").asDouble()).isBetween(0.0, 20.5);
            assertThat(summary.get("sustainedMeans").asText()).contains("p99 of delivery and of time-to-flag within 1000 ms");
            assertThat(summary.get("authorityProcessesFailed").asLong()).isZero();
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("highest sustained rate: ");
            assertThat(summary.get("members").asInt()).isEqualTo(2);
            assertThat(summary.get("lost").asLong()).isZero();
            assertThat(summary.get("acknowledged").asLong()).isEqualTo(summary.get("sent").asLong());
            assertThat(summary.get("replied").asLong()).isEqualTo(summary.get("delivered").asLong());
            assertThat(scraped.get()).contains("pensim_load_sent_total", "pensim_load_acknowledgement_seconds_bucket",
                    "pensim_load_time_to_flag_seconds", "pensim_load_offered_rate");
            // Every load-test series the Grafana dashboard charts is one the driver serves.
            var names = java.util.regex.Pattern.compile("pensim_load_[a-z_]+")
                    .matcher(Files.readString(Path.of("../docs/grafana/pensim-load.json"))).results()
                    .map(java.util.regex.MatchResult::group).distinct()
                    .filter(n -> !n.equals("pensim_load_errors_total")) // a series per error type, from the first error on
                    .toList();
            assertThat(names).hasSizeGreaterThan(5);
            assertThat(scraped.get()).contains(names);
            // The cluster is still there, with what the test sent in it.
            assertThat(cluster.members.get(0).hazelcast().getMap("notifications").size())
                    .isEqualTo((int) summary.get("acknowledged").asLong());
        }
    }

    @Test
    void authorities_in_agent_processes_send_screen_and_reply_and_the_driver_counts_them_all(@TempDir Path tmp)
            throws Exception {
        Path profile = tmp.resolve("agents.yaml");
        Files.writeString(profile, """
                name: agents-test
                members: 2
                exporters: 3
                importers: 2
                processes: 2
                shape: constant
                rate: 25
                rampTo: 0
                durationSeconds: 8
                drainSeconds: 30
                suspiciousShare: 0.2
                warmup: {seconds: 2, rate: 20}
                faults:
                  - {atSeconds: 2, action: pause-importer, importer: 1, seconds: 3}
                """);
        CliRun r = CliRun.of("load", profile.toString(), "--out", tmp.resolve("out").toString(), "--metrics-port", "-1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("authorities in 2 agent processes")
                .contains("fault: pausing importer 1 (NG) for 3.0 s").contains("warm-up: 40 sent at 20/s, 40 acknowledged, 40 delivered, 40 replied");
        // The warm-up ran first, its notifications delivered like any other, and kept out of the run's figures
        // below (which would otherwise count 40 more).
        assertThat(r.out().indexOf("warm-up:")).isLessThan(r.out().indexOf("fault: pausing importer"));
        var summary = ProtocolJson.parse(Files.readAllBytes(tmp.resolve("out/summary.json")));
        assertThat(summary.get("authorityProcesses").asInt()).isEqualTo(2);
        assertThat(summary.at("/warmup/sent").asLong()).isEqualTo(40);
        assertThat(summary.at("/warmup/acknowledged").asLong()).isEqualTo(40);
        assertThat(summary.at("/warmup/delivered").asLong()).isEqualTo(40);
        assertThat(summary.at("/warmup/replied").asLong()).isEqualTo(40);
        assertThat(summary.at("/warmup/lost").asLong()).isZero();
        assertThat(summary.at("/warmup/duplicated").asLong()).isZero();
        long sent = summary.get("sent").asLong();
        assertThat(sent).isBetween(190L, 210L);
        assertThat(summary.get("acknowledged").asLong()).isEqualTo(sent);
        // Every notification crossed from one process to another or stayed in one; each reached its
        // importer exactly once (importer 1, in the second agent, was paused and caught up).
        assertThat(summary.get("delivered").asLong()).isEqualTo(sent);
        assertThat(summary.get("lost").asLong()).isZero();
        assertThat(summary.get("duplicated").asLong()).isZero();
        assertThat(summary.get("screened").asLong()).isEqualTo(sent);
        assertThat(summary.get("replied").asLong()).isEqualTo(sent);
        assertThat(summary.get("suspiciousFlagged").asLong()).isEqualTo(summary.get("suspiciousSent").asLong()).isPositive();
        assertThat(summary.get("flagged").asLong()).isEqualTo(summary.get("suspiciousSent").asLong());
        // Latencies measured in the agents against the driver's intended times: present and plausible.
        assertThat(summary.at("/acknowledgementMs/count").asLong()).isEqualTo(sent);
        assertThat(summary.at("/deliveryMs/count").asLong()).isEqualTo(sent);
        assertThat(summary.at("/timeToFlagMs/count").asLong()).isEqualTo(summary.get("flagged").asLong());
        assertThat(summary.at("/acknowledgementMs/p50").asDouble()).isBetween(0.1, 5_000.0);
        assertThat(summary.at("/deliveryMs/max").asDouble()).isGreaterThan(2_000.0); // the paused importer's backlog
        // Each stage's HdrHistogram interval log holds every measurement of the run, drain included.
        for (String[] stage : new String[][] {{"ack-latency", "acknowledgementMs"}, {"delivery-latency", "deliveryMs"},
                {"time-to-flag", "timeToFlagMs"}, {"reply-latency", "replyMs"}}) {
            var reader = new org.HdrHistogram.HistogramLogReader(tmp.resolve("out/" + stage[0] + ".hlog").toFile());
            long count = 0;
            org.HdrHistogram.EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                count += ((org.HdrHistogram.Histogram) h).getTotalCount();
            }
            assertThat(count).as(stage[0]).isEqualTo(summary.at("/" + stage[1] + "/count").asLong()).isPositive();
        }
        assertThat(tmp.resolve("out/agent-0.log")).exists();
        assertThat(tmp.resolve("out/agent-1.log")).exists();
        // The agents are gone with the run.
        assertThat(agents().filter(ProcessHandle::isAlive).count()).isZero();
    }

    @Test
    void an_agent_that_dies_during_the_run_fails_the_run(@TempDir Path tmp) throws Exception {
        Path profile = tmp.resolve("agent-dies.yaml");
        Files.writeString(profile, """
                name: agent-dies
                members: 1
                exporters: 2
                importers: 2
                processes: 2
                shape: constant
                rate: 20
                rampTo: 0
                durationSeconds: 8
                drainSeconds: 5
                """);
        Thread killer = new Thread(() -> {
            try {
                java.util.Optional<ProcessHandle> agent = java.util.Optional.empty();
                while (agent.isEmpty()) {
                    Thread.sleep(200);
                    agent = agents().findFirst();
                }
                // The run has begun once the driver opens its interval table (after every agent said READY).
                while (!Files.exists(tmp.resolve("out/intervals.csv"))) {
                    Thread.sleep(100);
                }
                agent.get().destroyForcibly();
            } catch (InterruptedException ignored) {
                // test over
            }
        });
        killer.start();
        CliRun r = CliRun.of("load", profile.toString(), "--out", tmp.resolve("out").toString(), "--metrics-port", "-1");
        killer.join(5_000);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        var summary = ProtocolJson.parse(Files.readAllBytes(tmp.resolve("out/summary.json")));
        assertThat(summary.get("authorityProcessesFailed").asLong()).isEqualTo(1);
        assertThat(summary.get("errors").fieldNames()).toIterable().anyMatch(e -> e.contains("exited during the run"));
    }

    /**
     * The load agents among this JVM's child processes: the JVMs it started (a long class path can cut
     * the {@code load-agent} argument off what the system shows of a command line).
     */
    private static java.util.stream.Stream<ProcessHandle> agents() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bin/java")).orElse(false));
    }

    @Test
    void every_shipped_profile_loads() throws Exception {
        try (var files = Files.list(Path.of("load"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                if (Files.readString(f).contains("\nregistry:")) {
                    // Needs a running registry's authority directory, which is not there: a precise refusal.
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LoadProfile.load(f))
                            .hasMessageContaining("registry.authorityDir must be the registry's authority directory");
                } else {
                    assertThat(LoadProfile.load(f).durationSeconds()).as(f.toString()).isPositive();
                }
            }
        }
    }

    @Test
    void a_bad_profile_is_one_line_and_exit_1(@TempDir Path tmp) throws Exception {
        Path profile = tmp.resolve("bad.yaml");
        Files.writeString(profile, "name: x\nmembers: 1\nexporters: 1\nimporters: 1\nshape: zigzag\nrate: 5\nrampTo: 0\n"
                + "durationSeconds: 5\ndrainSeconds: 5\nfaults: []\n");
        CliRun r = CliRun.of("load", profile.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("shape must be constant, ramp or burst, not zigzag");
        CliRun empty = CliRun.of("load", Path.of("load/constant.yaml").toString(), "--out", "");
        assertThat(empty.exitCode()).as("not the current directory").isEqualTo(2);
        assertThat(empty.err()).contains("--out is empty");
        Files.writeString(profile, "name: x\nmembers: 1\nexporters: 1\nimporters: 1\nshape: constant\nrate: 5\nrampTo: 0\n"
                + "durationSeconds: 5\ndrainSeconds: 5\nfaults: []\nregistry: {addresses: [\"nowhere\"], authorityDir: /nope}\n");
        r = CliRun.of("load", profile.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("registry.addresses must list host:port");
        Files.writeString(profile, "name: x\nmembers: 1\nexporters: 2\nimporters: 1\nshape: constant\nrate: 5\nrampTo: 0\n"
                + "durationSeconds: 5\ndrainSeconds: 5\nprocesses: 3\n");
        r = CliRun.of("load", profile.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("processes must be 1 to 16 and no more than the larger of exporters "
                + "and importers").endsWith("not 3\n");
        Files.writeString(profile, "name: x\nmembers: 1\nexporters: 1\nimporters: 1\nshape: constant\nrate: 5\nrampTo: 0\n"
                + "durationSeconds: 5\ndrainSeconds: 5\nwarmup: {seconds: 10, rate: 0}\n");
        r = CliRun.of("load", profile.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("warmup needs seconds 0 to 600 and, if given, a positive rate (it is 10 s at 0.0/s)");
    }
}

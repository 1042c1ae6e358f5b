package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pensim.registry.config.RegistryConfig;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.screening.GlobalScreeningQueue;
import com.hazelcast.query.Predicates;

/**
 * A member whose global screening falls behind (too many waiting, or the oldest waiting too long) refuses
 * new submissions with a 503 problem that says when to retry, stores nothing for them, and accepts the
 * same documents once it has caught up; every accepted notification is then screened (the consignee's
 * splitting is flagged on each from the third).
 */
class ScreeningBackPressureTest {

    /** One screening thread and a bound passed at once by a burst of flagged notifications. */
    static Stream<Arguments> bounds() {
        return Stream.of(
                Arguments.of("a backlog of one", new RegistryConfig.Screening(1, 1, 600_000), "notifications behind on this member (limit 1)"),
                Arguments.of("a wait of one millisecond", new RegistryConfig.Screening(1, 1_000_000, 1), "limit 1 ms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounds")
    void a_burst_beyond_the_screening_bound_is_refused_with_retry_after_and_accepted_later(String name,
            RegistryConfig.Screening bound, String detail) throws Exception {
        try (TestCluster cluster = new TestCluster(1).withScreening(bound).start()) {
            burstIsRefusedThenAcceptedAndScreened(cluster, detail);
        }
    }

    /**
     * Below the bound, a share of submissions is already refused once the backlog passes the shedding point:
     * refusals name backlogs within the limit, which all-or-nothing back-pressure never answered.
     */
    @org.junit.jupiter.api.Test
    void past_the_shedding_point_a_share_is_refused_before_the_bound() throws Exception {
        try (TestCluster cluster = new TestCluster(1).withScreening(new RegistryConfig.Screening(1, 8, 600_000, 0.25)).start()) {
            String[] countries = {"DE", "NL", "FR"};
            List<RegistryClient> exporters = new ArrayList<>();
            for (String cc : countries) {
                exporters.add(cluster.client(0, cluster.enrol(cc, AuthorityRole.EXPORTING)));
            }
            cluster.enrol("IN", AuthorityRole.IMPORTING);
            java.util.regex.Pattern behind = java.util.regex.Pattern.compile("screening is (\\d+) notifications behind");
            java.util.Set<Integer> refusedAtBacklog = new java.util.TreeSet<>();
            for (int burst = 0; burst < 10 && refusedAtBacklog.stream().noneMatch(b -> b <= 8); burst++) {
                List<Future<RegistryClient.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    int e = i % countries.length;
                    answers.add(exporters.get(e).submit(GlobalIndicatorsTest.from(exporters.get(e).credentials(), countries[e],
                            countries[e] + "-SHED-" + burst + "-" + i)));
                }
                for (Future<RegistryClient.Response> a : answers) {
                    RegistryClient.Response r = await(a);
                    assertThat(r.status()).isIn(201, 503);
                    if (r.status() == 503) {
                        // SHED: the Vert.x 5.1.6 client was seen to hand over an answer given before the request's body
                        // was read without that answer's body (about 1 in 600 to 1 in 4,000); its status and Retry-After
                        // header arrive, and clients go by those (RegistryClient.Response.retryAfterSeconds).
                        if (!r.body().has("detail")) {
                            System.out.println("a 503 without a problem document: " + r.body());
                            continue;
                        }
                        var m = behind.matcher(r.body().get("detail").asText());
                        if (m.find()) {
                            refusedAtBacklog.add(Integer.parseInt(m.group(1)));
                            assertThat(r.body().get("detail").asText()).contains("(limit 8); past 25 % of a limit a growing share");
                        }
                    }
                }
            }
            assertThat(refusedAtBacklog).as("backlogs at which submissions were refused").anyMatch(b -> b <= 8);
        }
    }

    private static void burstIsRefusedThenAcceptedAndScreened(TestCluster cluster, String detail) throws Exception {
        AuthorityCredentials india = cluster.enrol("IN", AuthorityRole.IMPORTING);
        String[] countries = {"DE", "NL", "FR"};
        List<RegistryClient> exporters = new ArrayList<>();
        for (String cc : countries) {
            exporters.add(cluster.client(0, cluster.enrol(cc, AuthorityRole.EXPORTING)));
        }
        Map<String, SignedDocument> documents = new LinkedHashMap<>();
        Map<String, RegistryClient> senders = new LinkedHashMap<>();
        JsonNode refusal = null;
        // Unsigned, empty submissions among the burst: a refusal is answered before the request is even validated
        // or its caller authenticated (it must cost less than an acceptance), so some get 503 where a quiet
        // registry answers 400 (the body breaks the OpenAPI contract) or 401.
        io.vertx.core.http.HttpClient raw = cluster.clientVertx.createHttpClient();
        int port = cluster.members.get(0).httpPort();
        java.util.Set<Integer> unsignedStatuses = new java.util.TreeSet<>();
        boolean countBound = cluster.config(0).screening().maxBacklogPerMember() == 1;
        for (int burst = 0; burst < 10 && (refusal == null || countBound && !unsignedStatuses.contains(503)); burst++) {
            List<String> ids = new ArrayList<>();
            List<Future<RegistryClient.Response>> answers = new ArrayList<>();
            List<Future<Integer>> unsigned = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int e = i % countries.length;
                String id = countries[e] + "-BP-" + burst + "-" + i;
                SignedDocument doc = GlobalIndicatorsTest.from(exporters.get(e).credentials(), countries[e], id);
                documents.put(id, doc);
                senders.put(id, exporters.get(e));
                ids.add(id);
                answers.add(exporters.get(e).submit(doc));
            }
            // Behind the burst, while its notifications wait for screening (the count is checked without delay;
            // the oldest wait is refreshed every 100 ms, so the count bound is the one probed).
            for (int i = 0; countBound && i < 10; i++) {
                unsigned.add(raw.request(io.vertx.core.http.HttpMethod.POST, port, "127.0.0.1", "/v1/notifications")
                        .compose(req -> req.putHeader("content-type", "application/json").send("{}"))
                        .map(io.vertx.core.http.HttpClientResponse::statusCode));
            }
            for (Future<Integer> u : unsigned) {
                unsignedStatuses.add(await(u));
            }
            for (int i = 0; i < answers.size(); i++) {
                RegistryClient.Response r = await(answers.get(i));
                assertThat(r.status()).as(r.body().toString()).isIn(201, 503);
                if (r.status() == 503) {
                    if (r.body().has("detail")) { // see SHED below: the body of an early answer can be lost on the way
                        refusal = r.body();
                    }
                    // Nothing was stored for a refused submission.
                    assertThat(await(cluster.operatorClient(0).notification(ids.get(i))).status()).isEqualTo(404);
                }
            }
        }
        assertThat(refusal).as("the screening bound was passed").isNotNull();
        if (countBound) {
            assertThat(unsignedStatuses).as("unsigned submissions: refused for load before validation, else 400 or 401")
                    .contains(503).isSubsetOf(400, 401, 503);
        }
        raw.close();
        assertThat(refusal.get("status").asInt()).isEqualTo(503);
        assertThat(refusal.get("type").asText()).endsWith("screening-backlog");
        // Under the delay bound: as long as screening is behind by more than the bound, at least a second.
        int retryAfter = refusal.get("retryAfterSeconds").asInt();
        if (countBound) {
            assertThat(retryAfter).isEqualTo(1);
        } else {
            assertThat(retryAfter).isBetween(1, 30);
        }
        assertThat(refusal.get("detail").asText()).contains("retry in " + retryAfter + " s");
        assertThat(refusal.get("detail").asText()).contains("global screening").contains(detail).contains("nothing was stored");

        // The exporting authorities retry what was refused until the registry takes it.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (var e : documents.entrySet()) {
                RegistryClient.Response r = await(senders.get(e.getKey()).submit(e.getValue()));
                assertThat(r.status()).isIn(200, 201);
            }
        });
        RegistryClient reader = cluster.client(0, india);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(cluster.members.get(0).globalScreeningBacklog()).isZero();
            assertThat(cluster.members.get(0).hazelcast().getMap(GlobalScreeningQueue.MAP)
                    .keySet(Predicates.equal("state", "PENDING"))).isEmpty();
            List<JsonNode> entries = new ArrayList<>();
            long after = 0;
            while (true) {
                JsonNode page = await(reader.inbox(after, 500)).body();
                page.get("entries").forEach(entries::add);
                if (page.get("entries").isEmpty() || entries.size() >= documents.size()) {
                    break;
                }
                after = page.get("next").asLong();
            }
            assertThat(entries).hasSize(documents.size());
            // Screened in an order of their own: only those screened before a third country showed up escape.
            long unflagged = entries.stream().filter(x -> !x.path("globalFlags").findValuesAsText("indicator")
                    .contains("SPLIT_ACROSS_EXPORTERS")).count();
            assertThat(unflagged).isLessThanOrEqualTo(10);
        });
    }
}

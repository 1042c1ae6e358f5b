package org.pensim.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pensim.exporter.ExporterNode;
import org.pensim.exporter.outbox.Outbox;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.screening.national.LicensedOperator;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.TestCluster;
import org.pensim.registry.TestOfficers;

/**
 * End to end in one JVM over real HTTP: a registry cluster of two members, two exporting and two
 * importing authorities' nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodesEndToEndTest {

    static TestCluster cluster;
    static ExporterNode germany;
    static ExporterNode netherlands;
    static ImporterNode india;
    static ImporterNode nigeria;
    static ImporterNode.Settings nigeriaSettings;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(2).withFixedHttpPorts().start();
        dir = cluster.dir;
        AuthorityCredentials de = cluster.enrol("DE", AuthorityRole.EXPORTING);
        AuthorityCredentials nl = cluster.enrol("NL", AuthorityRole.EXPORTING);
        AuthorityCredentials in = cluster.enrol("IN", AuthorityRole.IMPORTING);
        AuthorityCredentials ng = cluster.enrol("NG", AuthorityRole.IMPORTING);
        germany = ExporterNode.start(cluster.clientVertx, new ExporterNode.Settings("DE", de, "127.0.0.1",
                cluster.httpPorts.get(0), h2("de"), 100, 1000, 0, TestOfficers.sessions()), Clock.systemUTC());
        netherlands = ExporterNode.start(cluster.clientVertx, new ExporterNode.Settings("NL", nl, "127.0.0.1",
                cluster.httpPorts.get(1), h2("nl"), 100, 1000, 0, TestOfficers.sessions()), Clock.systemUTC());
        india = ImporterNode.start(cluster.clientVertx, new ImporterNode.Settings("IN", in, cluster.ca().certificate(),
                "127.0.0.1", cluster.httpPorts.get(1), h2("in"), 0.3, 1.0,
                // A second licensed importer, which the Dutch flood to Deccan never names: the request-information
                // test uses it, so that no global flag (a split across exporters) can push it over the objection line.
                List.of(new LicensedOperator("Deccan Pharma Formulations Pvt Ltd", "IN",
                        List.of(new Identifier("NCB-REG", "TS-HYD-2019-0412")), LocalDate.of(2030, 1, 1), Set.of()),
                        new LicensedOperator("Hyderabad Fine Formulations Ltd", "IN",
                                List.of(new Identifier("NCB-REG", "TS-HYD-2020-0777")), LocalDate.of(2030, 1, 1), Set.of())),
                Set.of("AF", "MM"), 0, TestOfficers.sessions()), Clock.systemUTC());
        nigeriaSettings = new ImporterNode.Settings("NG", ng, cluster.ca().certificate(), "127.0.0.1",
                cluster.httpPorts.get(0), h2("ng"), 0.3, 1.0, List.of(), Set.of("AF"), 0, TestOfficers.sessions());
        nigeria = ImporterNode.start(cluster.clientVertx, nigeriaSettings, Clock.systemUTC());
    }

    static String h2(String name) {
        return "jdbc:h2:file:" + dir.resolve("nodes/" + name) + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {germany, netherlands, india, nigeria}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        cluster.close();
    }

    static Outbox.Entry entry(ExporterNode node, String id) {
        return node.outbox().all().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void a_clean_notification_is_cleared_and_the_exporter_learns_it() {
        assertThat(germany.submit(NotificationDraft.example().set("/id", "DE-E2E-CLEAN").json())).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "NO_OBJECTION".equals(entry(germany, "DE-E2E-CLEAN").state()));
        assertThat(entry(germany, "DE-E2E-CLEAN").status()).isEqualTo("ACKNOWLEDGED");
        // The importer replies, then records: the exporter may learn the answer a moment before the record exists.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> india.store().all().stream()
                .anyMatch(r -> r.id().equals("DE-E2E-CLEAN")));
        assertThat(india.store().all()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo("DE-E2E-CLEAN");
            assertThat(r.decision()).isEqualTo("NO_OBJECTION");
            assertThat(r.score()).isLessThan(0.3);
        });
    }

    @Test
    @Order(2)
    void a_suspicious_notification_is_flagged_and_objected_to() {
        ObjectNode doc = NotificationDraft.example().set("/id", "DE-E2E-SUSPECT")
                .set("/parties/1/name", "Shadow Star General Trading").set("/parties/1/businessType", "TRADING_COMPANY")
                .remove("/parties/1/identifiers").transit("AE", "AF").json();
        assertThat(germany.submit(doc)).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "OBJECTION".equals(entry(germany, "DE-E2E-SUSPECT").state()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> india.store().all().stream()
                .anyMatch(r -> r.id().equals("DE-E2E-SUSPECT")));
        var received = india.store().all().stream().filter(r -> r.id().equals("DE-E2E-SUSPECT")).findFirst().orElseThrow();
        assertThat(received.score()).isGreaterThanOrEqualTo(1.0);
        assertThat(received.flagsJson()).contains("OPERATOR_UNKNOWN", "INTERMEDIARY_CONSIGNEE", "RISKY_ROUTE");
    }

    @Test
    @Order(3)
    void a_forged_notification_is_refused_by_the_registry_and_by_the_importer_itself() throws Exception {
        CertificateAuthority rogue = CertificateAuthority.create("rogue", Clock.systemUTC(), Duration.ofDays(30));
        DocumentSigner forger = new DocumentSigner(rogue.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(30)));
        var forged = forger.sign(DocumentType.NOTIFICATION, NotificationDraft.example().set("/id", "DE-E2E-FORGED").json());
        // Sent as if by the German exporter: the registry refuses it and the outbox says why.
        germany.outbox().add("DE-E2E-FORGED", forged.toJson().toString(), System.currentTimeMillis());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "REFUSED".equals(entry(germany, "DE-E2E-FORGED").status()));
        assertThat(entry(germany, "DE-E2E-FORGED").lastError()).contains("not by the trusted CA");
        // Had a compromised registry delivered it anyway, the importer's own check refuses it.
        int before = india.store().incidents();
        assertThat(india.checked("DE-E2E-FORGED", forged.toJson())).isNull();
        assertThat(india.store().incidents()).isEqualTo(before + 1);
        assertThat(india.store().all()).noneMatch(r -> r.id().equals("DE-E2E-FORGED"));
    }

    @Test
    @Order(4)
    void an_importer_restarted_in_the_middle_of_a_stream_misses_nothing_and_processes_nothing_twice() throws Exception {
        int n = 40;
        for (int i = 0; i < n; i++) {
            assertThat(netherlands.submit(NotificationDraft.example().set("/id", "NL-E2E-" + i)
                    .set("/exportingCountry", "NL").set("/parties/0/address/country", "NL")
                    .set("/importingCountry", "NG").set("/parties/1/address/country", "NG").transit().json())).isEmpty();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> nigeria.store().all().size() >= 8);
        nigeria.close();
        int seenBeforeRestart = new org.pensim.importer.storage.ImporterStore(nigeriaSettings.jdbcUrl()).all().size();
        nigeria = ImporterNode.start(cluster.clientVertx, nigeriaSettings, Clock.systemUTC());
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> nigeria.store().all().size() == n);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var page = TestCluster.await(cluster.client(0, nigeriaSettings.credentials()).inbox(0, 500)).body();
            throw new AssertionError("NG processed " + nigeria.store().all().size() + " of " + n + ", cursor "
                    + nigeria.store().cursor() + ", seen before restart " + seenBeforeRestart + ", inbox head "
                    + page.get("head") + ", outbox " + netherlands.outbox().all().stream().map(x -> x.id() + ":" + x.status()).toList(), e);
        }
        assertThat(seenBeforeRestart).isLessThan(n);
        // Each notification was recorded once; the registry holds one reply for each automatic decision and
        // none for those left to an officer.
        var reader = cluster.client(0, cluster.members.get(0).operator());
        var decided = new java.util.HashMap<String, String>();
        nigeria.store().all().forEach(r -> decided.put(r.id(), r.decision()));
        assertThat(decided).hasSize(n);
        for (int i = 0; i < n; i++) {
            String id = "NL-E2E-" + i;
            var record = TestCluster.await(reader.notification(id)).body();
            long replies = 0;
            for (var e : record.get("events")) {
                if (e.get("type").asText().equals("REPLY")) {
                    replies++;
                }
            }
            assertThat(replies).as(id).isEqualTo(decided.get(id) == null ? 0 : 1);
        }
    }

    @Test
    @Order(5)
    void an_exporter_whose_registry_is_down_delivers_its_outbox_when_the_registry_returns() throws Exception {
        cluster.stopAll();
        for (int i = 0; i < 5; i++) {
            assertThat(germany.submit(NotificationDraft.example().set("/id", "DE-E2E-OUTAGE-" + i).json())).isEmpty();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> germany.outbox().all().stream()
                .filter(e -> e.id().startsWith("DE-E2E-OUTAGE-")).allMatch(e -> e.attempts() >= 1 && e.status().equals("PENDING")));
        cluster.restart(0);
        cluster.restart(1);
        cluster.awaitSize(2);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> germany.outbox().all().stream()
                .filter(e -> e.id().startsWith("DE-E2E-OUTAGE-")).allMatch(e -> e.status().equals("ACKNOWLEDGED")));
        // And the importer, reconnected, screens and answers them.
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> india.store().all().stream()
                    .filter(r -> r.id().startsWith("DE-E2E-OUTAGE-")).count() == 5);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var page = TestCluster.await(cluster.client(1, india.settingsCredentials()).inbox(0, 500)).body();
            throw new AssertionError("IN has " + india.store().all().size() + " records, cursor " + india.store().cursor()
                    + "; registry inbox head " + page.get("head") + " entries " + page.get("entries").size(), e);
        }
    }

    /** Posts as the node's signed-in officer. */
    static com.fasterxml.jackson.databind.JsonNode post(int port, String path, String json) throws Exception {
        return TestOfficers.signIn(port).post(path, json);
    }

    @Test
    @Order(6)
    void officers_ship_confirm_withdraw_ask_answer_and_report_incidents_through_the_nodes() throws Exception {
        // Shipment and receipt of the cleared notification.
        var shipped = post(germany.httpPort(), "/api/notifications/DE-E2E-CLEAN/shipment", "{\"reference\":\"B/L 771203\"}");
        assertThat(shipped.get("state").asText()).as(shipped.toString()).isEqualTo("SHIPPED");
        var received = post(india.httpPort(), "/api/notifications/DE-E2E-CLEAN/receipt", "{\"quantityKg\":\"500\"}");
        assertThat(received.get("result").asText()).as(received.toString()).isEqualTo("RECEIVED");
        // The objected notification is withdrawn; nothing can be shipped after that.
        assertThat(post(germany.httpPort(), "/api/notifications/DE-E2E-SUSPECT/withdraw", "{\"reasons\":[\"order cancelled\"]}")
                .get("state").asText()).isEqualTo("WITHDRAWN");
        var refused = post(germany.httpPort(), "/api/notifications/DE-E2E-SUSPECT/shipment", "{}");
        assertThat(refused.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(refused.get("detail").asText()).contains("SHIP is not allowed in state WITHDRAWN");
        // A middling score waits for an officer, who asks for information; the exporter answers.
        assertThat(germany.submit(NotificationDraft.example().set("/id", "DE-E2E-INFO").set("/expectedDispatchDate", "2026-12-10")
                .set("/parties/1/name", "Hyderabad Fine Formulations Ltd").set("/parties/1/identifiers/0/value", "TS-HYD-2020-0777")
                .transit("AF").json())).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> india.store().all().stream()
                .anyMatch(r -> r.id().equals("DE-E2E-INFO")));
        var info = india.store().all().stream().filter(r -> r.id().equals("DE-E2E-INFO")).findFirst().orElseThrow();
        assertThat(info.decision()).as("DE-E2E-INFO should wait for an officer (score %.2f, flags %s)", info.score(),
                info.flagsJson()).isNull();
        var asked = post(india.httpPort(), "/api/notifications/DE-E2E-INFO/decision",
                "{\"decision\":\"INFO_REQUESTED\",\"reasons\":[\"why the route through AF?\"]}");
        assertThat(asked.get("state").asText()).as(asked.toString()).isEqualTo("INFO_REQUESTED");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "INFO_REQUESTED".equals(entry(germany, "DE-E2E-INFO").state()));
        assertThat(post(germany.httpPort(), "/api/notifications/DE-E2E-INFO/answer",
                "{\"message\":\"transshipment only; the goods stay sealed\"}").get("state").asText()).isEqualTo("DELIVERED");
        // Issue 20, item 2: the loop closes. The importer sees the answer beside its question, the notification is back
        // in its queue, and a final decision is accepted; the exporter sees the question and the final reply.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> india.store().queue().stream()
                .anyMatch(r -> r.id().equals("DE-E2E-INFO") && "DELIVERED".equals(r.state())));
        var queue = TestOfficers.signIn(india.httpPort()).get("/api/queue");
        var row = java.util.stream.StreamSupport.stream(queue.get("items").spliterator(), false)
                .filter(r -> r.path("id").asText().equals("DE-E2E-INFO")).findFirst().orElseThrow();
        assertThat(row.get("messages").toString()).contains("why the route through AF?", "transshipment only; the goods stay sealed",
                "\"INFO_REQUESTED\"", "\"ANSWER\"");
        // The answer restarted the importing authority's time to reply, by India's rule, from the day of the answer; both
        // desks show the new date, not the one the notification was signed with.
        var indiasRule = org.pensim.protocol.country.CountryProfiles.standard().of("IN");
        String restarted = indiasRule.replyDeadline().deadlineFrom(java.time.LocalDate.now(java.time.ZoneOffset.UTC), indiasRule.calendar())
                .toString();
        assertThat(row.get("replyDeadline").asText()).isEqualTo(restarted);
        assertThat(row.get("overdue").asBoolean()).isFalse();
        var exporterRows = TestOfficers.signIn(germany.httpPort()).get("/api/notifications").get("items");
        assertThat(java.util.stream.StreamSupport.stream(exporterRows.spliterator(), false)
                .filter(r -> r.path("id").asText().equals("DE-E2E-INFO")).findFirst().orElseThrow()
                .get("replyDeadline").asText()).isEqualTo(restarted);
        var finalReply = post(india.httpPort(), "/api/notifications/DE-E2E-INFO/decision",
                "{\"decision\":\"NO_OBJECTION\",\"reasons\":[]}");
        assertThat(finalReply.path("state").asText()).as(finalReply.toString()).isEqualTo("NO_OBJECTION");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "NO_OBJECTION".equals(entry(germany, "DE-E2E-INFO").state()));
        var outboxRows = TestOfficers.signIn(germany.httpPort()).get("/api/notifications").get("items");
        var mine = java.util.stream.StreamSupport.stream(outboxRows.spliterator(), false)
                .filter(r -> r.path("id").asText().equals("DE-E2E-INFO")).findFirst().orElseThrow();
        assertThat(mine.get("messages").toString()).contains("why the route through AF?", "\"NO_OBJECTION\"");
        assertThat(mine.get("lastActionBy").asText()).isEqualTo(TestOfficers.NAME);
        // An incident reported by the importer puts the entity on its watch list.
        var incident = post(india.httpPort(), "/api/incidents", "{\"type\":\"SEIZURE\",\"substanceId\":\"pseudoephedrine\","
                + "\"description\":\"seized at the border\",\"entities\":[{\"name\":\"Crescent Moon Pharma Traders\",\"country\":\"IN\"}]}");
        assertThat(incident.get("result").asText()).as(incident.toString()).startsWith("IN-INC-");
        var unknownType = post(india.httpPort(), "/api/incidents", "{\"type\":\"THEFT\",\"entities\":[]}");
        assertThat(unknownType.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(unknownType.get("detail").asText()).startsWith("type must be one of [SEIZURE");
        // The exporting desk's form sent empty (without the page) is told every missing field, not a 500.
        var emptyForm = post(germany.httpPort(), "/api/notifications/form", "");
        assertThat(emptyForm.get("httpStatus").asInt()).as(emptyForm.toString()).isEqualTo(400);
        assertThat(emptyForm.toString()).contains("the notification's number is missing", "the importing country is missing");
        // A report without a name is told so by the form's own field, not by the document's JSON pointer.
        var unnamed = post(india.httpPort(), "/api/incidents", "{\"type\":\"SEIZURE\",\"entities\":[{\"name\":\"\"}]}");
        assertThat(unnamed.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(unnamed.get("detail").asText()).startsWith("Named (the company or person): ").doesNotContain("/entities");
        assertThat(germany.submit(NotificationDraft.example().set("/id", "DE-E2E-WATCH")
                .set("/parties/1/name", "Moon Crescent Pharma Traders Pvt Ltd").remove("/parties/1/identifiers").json())).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> india.store().all().stream()
                .anyMatch(r -> r.id().equals("DE-E2E-WATCH") && r.flagsJson().contains("WATCHLIST_MATCH")));
        // Submitted through the node's API, not by an officer: the exporting desk names the node, not a screening.
        var watchRow = java.util.stream.StreamSupport.stream(TestOfficers.signIn(germany.httpPort()).get("/api/notifications")
                .get("items").spliterator(), false).filter(r -> r.path("id").asText().equals("DE-E2E-WATCH")).findFirst().orElseThrow();
        assertThat(watchRow.get("lastActionBy").asText()).isEqualTo("this node (no officer)");
        assertThat(TestOfficers.signIn(germany.httpPort()).get("/api/notifications/DE-E2E-WATCH/view").at("/actions/0/officerName")
                .asText()).isEqualTo("this node (no officer)");
    }

    @Test
    @Order(7)
    void an_officer_whose_decision_the_registry_recorded_but_whose_answer_was_lost_can_try_again() throws Exception {
        assertThat(germany.submit(NotificationDraft.example().set("/id", "DE-E2E-LOST").set("/expectedDispatchDate", "2026-12-10")
                .set("/parties/1/name", "Hyderabad Fine Formulations Ltd").set("/parties/1/identifiers/0/value", "TS-HYD-2020-0777")
                .transit("AF").json())).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> india.store().all().stream()
                .anyMatch(r -> r.id().equals("DE-E2E-LOST")));
        assertThat(india.store().all().stream().filter(r -> r.id().equals("DE-E2E-LOST")).findFirst().orElseThrow().decision())
                .as("waits for an officer").isNull();
        // The officer's first attempt: the registry recorded it, and the answer never came back (a member died).
        var first = org.pensim.protocol.lifecycle.LifecycleEvent.reply("IN-O-DE-E2E-LOST-1", "DE-E2E-LOST",
                java.time.Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), "IN",
                org.pensim.protocol.lifecycle.Decision.OBJECTION, List.of("consignee unknown"));
        assertThat(TestCluster.await(cluster.client(1, india.settingsCredentials()).event("DE-E2E-LOST",
                new DocumentSigner(india.settingsCredentials()).sign(DocumentType.EVENT, first))).status()).isEqualTo(201);
        // The officer tries again: the same decision, signed anew (another time), under the same id.
        var again = post(india.httpPort(), "/api/notifications/DE-E2E-LOST/decision",
                "{\"decision\":\"OBJECTION\",\"reasons\":[\"consignee unknown\"]}");
        assertThat(again.get("state").asText()).as(again.toString()).isEqualTo("OBJECTION");
        assertThat(india.store().all().stream().filter(r -> r.id().equals("DE-E2E-LOST")).findFirst().orElseThrow().decision())
                .isEqualTo("OBJECTION");
        assertThat(india.store().actions().of("DE-E2E-LOST").toString()).contains("earlier attempt whose answer was lost");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "OBJECTION".equals(entry(germany, "DE-E2E-LOST").state()));
    }

    @Test
    @Order(8)
    void an_automatic_reply_that_did_not_reach_the_registry_is_sent_again() {
        assertThat(germany.submit(NotificationDraft.example().set("/id", "DE-E2E-PENDING").set("/expectedDispatchDate", "2026-12-10")
                .set("/parties/1/name", "Hyderabad Fine Formulations Ltd").set("/parties/1/identifiers/0/value", "TS-HYD-2020-0777")
                .transit("AF").json())).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> india.store().all().stream()
                .anyMatch(r -> r.id().equals("DE-E2E-PENDING")));
        // What the node keeps when it decided by itself and the registry could not be reached to hear it.
        india.store().decide("DE-E2E-PENDING", "NO_OBJECTION", org.pensim.importer.replies.AutomaticReplies.PENDING);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "NO_OBJECTION".equals(india.store().all().stream()
                .filter(r -> r.id().equals("DE-E2E-PENDING")).findFirst().orElseThrow().state()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "NO_OBJECTION".equals(entry(germany, "DE-E2E-PENDING").state()));
    }
}

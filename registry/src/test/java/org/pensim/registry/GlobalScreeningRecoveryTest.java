package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.query.Predicates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.registry.config.RegistryConfig;
import org.pensim.registry.screening.GlobalScreeningQueue;
import org.pensim.registry.screening.ScreeningRecovery;

/**
 * The global indicators' windows across a cold restart of the whole cluster (two members, H2): what was
 * received before the restart (notifications and objections) still counts for what comes after, and a
 * notification acknowledged but left unscreened by the stop is screened when the cluster comes back.
 */
class GlobalScreeningRecoveryTest {

    static TestCluster cluster;
    static AuthorityCredentials india;

    @BeforeAll
    static void startTwoMembers() throws Exception {
        cluster = new TestCluster(2).start();
        india = cluster.enrol("IN", AuthorityRole.IMPORTING);
    }

    @AfterAll
    static void closeCluster() {
        cluster.close();
    }

    @Test
    void the_windows_outlive_a_cold_restart_and_unscreened_notifications_are_screened_after_it() throws Exception {
        // One consignee, one substance, from two exporting countries: below the threshold of three.
        for (String country : new String[] {"DE", "NL"}) {
            AuthorityCredentials exporter = cluster.enrol(country, AuthorityRole.EXPORTING);
            assertThat(await(cluster.client(0, exporter).submit(GlobalIndicatorsTest.from(exporter, country, country + "-REC-1"))).status())
                    .isEqualTo(201);
        }
        // India objects to the German one: its importer, seen again in another corridor, is company shopping.
        LifecycleEvent objection = LifecycleEvent.reply("IN-REC-OBJ", "DE-REC-1",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), "IN", Decision.OBJECTION, List.of("consignee unknown"));
        assertThat(await(cluster.client(0, india).event("DE-REC-1", new DocumentSigner(india).sign(DocumentType.EVENT,
                objection))).status()).isEqualTo(201);
        awaitScreeningDone();
        assertThat(count("NL-REC-1", "SPLIT_ACROSS_EXPORTERS")).isZero();

        restartFromCold();
        JsonNode replay = health(1).get("globalScreening");
        assertThat(replay.get("state").asText()).isEqualTo("READY");
        assertThat(replay.get("replayed").asInt()).as("two notifications and an objection").isEqualTo(3);

        // The third country after the restart: flagged only if the windows remember the first two.
        AuthorityCredentials france = cluster.enrol("FR", AuthorityRole.EXPORTING);
        assertThat(await(cluster.client(1, france).submit(GlobalIndicatorsTest.from(france, "FR", "FR-REC-1"))).status()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("FR-REC-1", "SPLIT_ACROSS_EXPORTERS") == 1
                && count("FR-REC-1", "COMPANY_SHOPPING") == 1);
        assertThat(flags("FR-REC-1").findValuesAsText("exportingCountries")).containsExactly("DE,FR,NL");
        assertThat(flags("FR-REC-1").findValuesAsText("refusedNotification")).containsExactly("DE-REC-1");
        awaitScreeningDone();

        // A stop between acknowledging and screening: the notification is stored, its flags are not.
        cluster.stopAll();
        RegistryConfig.Database db = cluster.config(0).database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement delete = c.prepareStatement("DELETE FROM pensim_global_flags WHERE k = ?")) {
            delete.setString(1, "FR-REC-1");
            assertThat(delete.executeUpdate()).as("the flag was written through").isEqualTo(1);
        }
        restartFromCold();
        assertThat(health(0).at("/globalScreening/replayed").asInt()).isEqualTo(4);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("FR-REC-1", "SPLIT_ACROSS_EXPORTERS") == 1
                && count("FR-REC-1", "COMPANY_SHOPPING") == 1);
        // Replayed in the order received: the objection came after the Dutch notification, which stays unflagged.
        for (String id : List.of("DE-REC-1", "NL-REC-1")) {
            assertThat(count(id, "SPLIT_ACROSS_EXPORTERS")).isZero();
            assertThat(count(id, "COMPANY_SHOPPING")).isZero();
        }
    }

    private static void restartFromCold() throws Exception {
        cluster.stopAll();
        cluster.restart(0);
        cluster.restart(1);
        cluster.awaitSize(2);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                "READY".equals(ScreeningRecovery.describe(cluster.members.get(0).hazelcast()).path("state").asText()));
    }

    private static void awaitScreeningDone() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> cluster.members.get(0).hazelcast()
                .getMap(GlobalScreeningQueue.MAP).keySet(Predicates.equal("state", "PENDING")).isEmpty()
                && cluster.members.stream().allMatch(m -> m.globalScreeningBacklog() == 0));
    }

    private static JsonNode flags(String id) throws Exception {
        return await(cluster.client(0, india).notification(id)).body().path("globalFlags");
    }

    private static long count(String id, String indicator) throws Exception {
        return flags(id).findValuesAsText("indicator").stream().filter(indicator::equals).count();
    }

    private static JsonNode health(int member) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + cluster.members.get(member).httpPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ProtocolJson.parse(r.body());
    }
}

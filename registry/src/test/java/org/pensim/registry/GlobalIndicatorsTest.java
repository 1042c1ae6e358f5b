package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.registry.client.RegistryClient;
import org.pensim.protocol.testing.NotificationDraft;

/**
 * The registry's global indicators, computed on the members that own their keys: one consignee
 * supplied with one substance from three exporting countries is flagged on the third notification,
 * and the flag travels with the notification into the importer's inbox. Flags are written through to
 * the database like the notifications: a cold restart keeps them.
 */
class GlobalIndicatorsTest {

    static TestCluster cluster;
    static AuthorityCredentials india;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(2).start();
        india = cluster.enrol("IN", AuthorityRole.IMPORTING);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static SignedDocument from(AuthorityCredentials exporter, String country, String id) {
        return new DocumentSigner(exporter).sign(DocumentType.NOTIFICATION, NotificationDraft.example().set("/id", id)
                .set("/exportingCountry", country).set("/parties/0/address/country", country).json());
    }

    @Test
    void a_consignee_supplied_from_three_exporting_countries_is_flagged_globally_and_the_importer_sees_it() throws Exception {
        List<String> ids = new ArrayList<>();
        String[] countries = {"DE", "NL", "FR"};
        for (int i = 0; i < countries.length; i++) {
            AuthorityCredentials exporter = cluster.enrol(countries[i], AuthorityRole.EXPORTING);
            String id = countries[i] + "-GLOBAL-" + i;
            ids.add(id);
            // Through alternate members: the indicator's state lives on whichever member owns its key.
            assertThat(await(cluster.client(i % 2, exporter).submit(from(exporter, countries[i], id))).status()).isEqualTo(201);
        }
        RegistryClient reader = cluster.client(1, india);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode entries = await(reader.inbox(0, 100)).body().get("entries");
            assertThat(entries).hasSize(3);
            JsonNode third = entries.get(2);
            assertThat(third.get("id").asText()).isEqualTo(ids.get(2));
            assertThat(third.path("globalFlags").findValuesAsText("indicator")).contains("SPLIT_ACROSS_EXPORTERS");
        });
        // The first two were not flagged for it: two exporting countries are below the threshold of three.
        JsonNode entries = await(reader.inbox(0, 100)).body().get("entries");
        assertThat(entries.get(0).path("globalFlags").findValuesAsText("indicator")).doesNotContain("SPLIT_ACROSS_EXPORTERS");
        assertThat(entries.get(1).path("globalFlags").findValuesAsText("indicator")).doesNotContain("SPLIT_ACROSS_EXPORTERS");
        // Reading the notification itself shows the flag too, on either member.
        assertThat(await(cluster.client(0, india).notification(ids.get(2))).body().path("globalFlags")
                .findValuesAsText("indicator")).containsOnlyOnce("SPLIT_ACROSS_EXPORTERS");

        cluster.stopAll();
        cluster.restart(0);
        cluster.restart(1);
        cluster.awaitSize(2);
        RegistryClient afterRestart = cluster.client(1, india);
        assertThat(await(afterRestart.notification(ids.get(2))).body().path("globalFlags").findValuesAsText("indicator"))
                .containsOnlyOnce("SPLIT_ACROSS_EXPORTERS");
        JsonNode restored = await(afterRestart.inbox(0, 100)).body().get("entries");
        assertThat(restored.get(2).path("globalFlags").findValuesAsText("indicator")).containsOnlyOnce("SPLIT_ACROSS_EXPORTERS");
        assertThat(restored.get(0).path("globalFlags").findValuesAsText("indicator")).doesNotContain("SPLIT_ACROSS_EXPORTERS");
    }
}

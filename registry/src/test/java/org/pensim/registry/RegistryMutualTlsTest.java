package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;

/**
 * The API over TLS with authorities authenticated by their certificates (mutual TLS): two members,
 * submission through one and the inbox stream through the other, no request signatures; a request with
 * neither certificate nor signature is refused; a revoked certificate stops working at once.
 */
class RegistryMutualTlsTest {

    static TestCluster cluster;
    static AuthorityCredentials germany;
    static AuthorityCredentials india;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(2).withTls(false).start();
        germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
        india = cluster.enrol("IN", AuthorityRole.IMPORTING);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void authorities_work_by_their_certificates_alone_across_members() throws Exception {
        RegistryClient exporter = cluster.client(0, germany);
        RegistryClient importer = cluster.client(1, india);
        List<String> seen = new CopyOnWriteArrayList<>();
        importer.followInbox(0, e -> seen.add(e.path("id").asText()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "DE-TLS-" + i;
            ids.add(id);
            var signed = new DocumentSigner(germany).sign(DocumentType.NOTIFICATION, NotificationDraft.example().set("/id", id).json());
            assertThat(await(exporter.submit(signed)).status()).isEqualTo(201);
        }
        Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> seen.containsAll(ids));
        assertThat(await(importer.notification("DE-TLS-0")).status()).isEqualTo(200);
        // The certificate decides who is calling: the importer may not submit.
        var byImporter = new DocumentSigner(germany).sign(DocumentType.NOTIFICATION,
                NotificationDraft.example().set("/id", "DE-TLS-X").json());
        var refused = await(importer.submit(byImporter));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("detail").asText()).contains("only exporting authorities submit notifications");
    }

    @Test
    void https_without_a_certificate_or_a_signature_is_unauthenticated() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", cluster.ca().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpResponse<String> r = HttpClient.newBuilder().sslContext(ssl).build().send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + cluster.members.get(0).httpPort() + "/v1/inbox")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        // Health stays open, over HTTPS.
        assertThat(HttpClient.newBuilder().sslContext(ssl).build().send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + cluster.members.get(1).httpPort() + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void a_revoked_certificate_stops_working_at_once_even_on_an_open_connection() throws Exception {
        AuthorityCredentials france = cluster.enrol("FR", AuthorityRole.EXPORTING);
        RegistryClient exporter = cluster.client(1, france);
        var first = new DocumentSigner(france).sign(DocumentType.NOTIFICATION, NotificationDraft.example().set("/id", "FR-TLS-1")
                .set("/exportingCountry", "FR").set("/parties/0/address/country", "FR").json());
        assertThat(await(exporter.submit(first)).status()).isEqualTo(201);
        assertThat(await(cluster.client(0, cluster.members.get(0).operator()).revoke(france.certificate().thumbprint(),
                "key compromise")).status()).isEqualTo(200);
        var second = new DocumentSigner(france).sign(DocumentType.NOTIFICATION, NotificationDraft.example().set("/id", "FR-TLS-2")
                .set("/exportingCountry", "FR").set("/parties/0/address/country", "FR").json());
        var refused = await(exporter.submit(second));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("reason").asText()).isEqualTo("CERTIFICATE_REVOKED");
    }
}

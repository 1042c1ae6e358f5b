package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;

/** The PostgreSQL path against a real server: a two-member cluster stopped cold comes back with everything. */
class PostgresDurabilityTest {

    @Test
    void a_cluster_on_postgresql_recovers_everything_acknowledged_after_a_cold_restart() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start();
             TestCluster cluster = new TestCluster(2).database(pg.url(), "pensim", "").start()) {
            AuthorityCredentials germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            AuthorityCredentials india = cluster.enrol("IN", AuthorityRole.IMPORTING);
            DocumentSigner signer = new DocumentSigner(germany);
            RegistryClient submit = cluster.client(0, germany);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = "DE-PG-" + i;
                // As an exporter does: a 503 while the members start (a CI run under load met one) is sent again.
                assertThat(await(cluster.submitAsExportersDo(submit, signer.sign(DocumentType.NOTIFICATION,
                        NotificationDraft.example().set("/id", id).json()), 10)).status()).isEqualTo(201);
                ids.add(id);
            }
            cluster.stopAll();
            cluster.restart(1);
            cluster.awaitSize(1);
            RegistryClient reader = cluster.client(1, india);
            for (String id : ids) {
                assertThat(await(reader.notification(id)).status()).as(id).isEqualTo(200);
            }
            ImporterInbox.readUntilDelivered(reader, ids);
            // The enrolment itself survived: India's key still authenticates.
            assertThat(await(reader.inbox(0, 1)).status()).isEqualTo(200);
        }
    }
}

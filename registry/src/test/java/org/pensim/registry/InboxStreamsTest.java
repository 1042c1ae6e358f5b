package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.cluster.RegistryMaps;

/**
 * Deliveries are announced only to the members that stream the inbox: a member without a stream of it
 * receives no event for its entries (a cluster-wide listener sent every delivery to every member), and a
 * member with one is told at once.
 */
class InboxStreamsTest {

    @Test
    void only_a_member_streaming_an_inbox_hears_of_its_deliveries() throws Exception {
        try (TestCluster cluster = new TestCluster(2).start()) {
            AuthorityCredentials germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            AuthorityCredentials india = cluster.enrol("IN", AuthorityRole.IMPORTING);
            RegistryClient exporter = cluster.client(0, germany);
            DocumentSigner signer = new DocumentSigner(germany);
            var inboxOnSecond = RegistryMaps.map(cluster.members.get(1).hazelcast(), RegistryMaps.INBOX);
            for (int i = 0; i < 20; i++) {
                assertThat(await(exporter.submit(signer.sign(DocumentType.NOTIFICATION,
                        NotificationDraft.example().set("/id", "DE-ST-" + i).json()))).status()).isEqualTo(201);
            }
            assertThat(inboxOnSecond.getLocalMapStats().getEventOperationCount())
                    .as("events received by a member that streams no inbox").isZero();

            Set<String> streamed = ConcurrentHashMap.newKeySet();
            cluster.client(1, india).followInbox(0, e -> streamed.add(e.get("id").asText()));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streamed.size() == 20);
            for (int i = 20; i < 40; i++) {
                await(exporter.submit(signer.sign(DocumentType.NOTIFICATION,
                        NotificationDraft.example().set("/id", "DE-ST-" + i).json())));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streamed.size() == 40);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> inboxOnSecond.getLocalMapStats().getEventOperationCount() > 0);
        }
    }
}

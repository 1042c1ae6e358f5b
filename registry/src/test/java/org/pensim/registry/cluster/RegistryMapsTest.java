package org.pensim.registry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.TestCluster;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.screening.GlobalScreeningQueue;
import org.pensim.registry.screening.ScreeningRecovery;

/**
 * The registry's maps on two real members: no JSON value carries Hazelcast's metadata (a parsed schema of the
 * value, which for a notification record took more heap than the record), and notifications are still found
 * by the fields the registry queries (countries, sequence, state, reply deadline) through their indexes; each
 * member runs the Hazelcast threads its configuration asks for.
 */
class RegistryMapsTest {

    @Test
    void no_map_keeps_json_metadata_and_notifications_are_still_found_by_field() throws Exception {
        try (TestCluster cluster = new TestCluster(2).start()) {
            AuthorityCredentials germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            cluster.enrol("IN", AuthorityRole.IMPORTING);
            DocumentSigner signer = new DocumentSigner(germany);
            submit(cluster.client(0, germany), signer, "DE-MAPS-", 3);
            submit(cluster.client(1, germany), signer, "DE-LATER-", 2);

            for (var member : cluster.members) {
                HazelcastInstance hz = member.hazelcast();
                List<String> jsonMaps = new ArrayList<>(RegistryMaps.DURABLE);
                jsonMaps.addAll(List.of(GlobalScreeningQueue.MAP, ScreeningRecovery.MAP));
                for (String name : jsonMaps) {
                    assertThat(hz.getConfig().findMapConfig(name).getMetadataPolicy()).as(name).isEqualTo(MetadataPolicy.OFF);
                }
                // Hazelcast's threads as configured (cluster.threads), not its many-core defaults.
                assertThat(threadsNamed("hz." + hz.getName() + ".IO.thread-in-")).isEqualTo(1);
                assertThat(threadsNamed("hz." + hz.getName() + ".IO.thread-out-")).isEqualTo(1);
                assertThat(threadsNamed("hz." + hz.getName() + ".generic-operation.thread-")).isEqualTo(1);
                assertThat(threadsNamed("hz." + hz.getName() + ".event-")).isEqualTo(2);
                IMap<String, HazelcastJsonValue> notifications = RegistryMaps.map(hz, RegistryMaps.NOTIFICATIONS);
                assertThat(notifications.keySet(Predicates.equal("exportingCountry", "DE")))
                        .containsExactlyInAnyOrder("DE-MAPS-0", "DE-MAPS-1", "DE-MAPS-2", "DE-LATER-0", "DE-LATER-1");
                assertThat(notifications.keySet(Predicates.equal("exportingCountry", "NL"))).isEmpty();
                assertThat(notifications.keySet(Predicates.and(Predicates.equal("importingCountry", "IN"),
                        Predicates.equal("state", "DELIVERED")))).hasSize(5);
                long firstSequence = notifications.project(com.hazelcast.projection.Projections.<java.util.Map.Entry<String,
                        HazelcastJsonValue>, Long>singleAttribute("sequence"), Predicates.like("id", "DE-LATER-%"))
                        .stream().mapToLong(Long::longValue).min().orElseThrow();
                assertThat(notifications.keySet(Predicates.greaterEqual("sequence", firstSequence)))
                        .contains("DE-LATER-0", "DE-LATER-1").doesNotContain("DE-MAPS-0");
                assertThat(notifications.keySet(Predicates.lessThan("replyDeadline", "9999-12-31"))).hasSize(5);
            }
        }
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    private static void submit(RegistryClient client, DocumentSigner signer, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            assertThat(await(client.submit(signer.sign(DocumentType.NOTIFICATION, NotificationDraft.example()
                    .set("/id", prefix + i).json()))).status()).isEqualTo(201);
        }
    }
}

package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;

/**
 * A submission is acknowledged after one durable write, its record: the importer's inbox entry is not
 * written apart, and a cold restart rebuilds it from the record, at the same sequence, while events keep
 * their own rows.
 */
class InboxRebuiltFromRecordsTest {

    @Test
    void a_deliverys_inbox_entry_is_rebuilt_from_its_record_after_a_cold_restart() throws Exception {
        try (TestCluster cluster = new TestCluster(1).start()) {
            AuthorityCredentials germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            AuthorityCredentials india = cluster.enrol("IN", AuthorityRole.IMPORTING);
            DocumentSigner signer = new DocumentSigner(germany);
            RegistryClient exporter = cluster.client(0, germany);
            for (int i = 1; i <= 3; i++) {
                assertThat(await(exporter.submit(signer.sign(DocumentType.NOTIFICATION,
                        NotificationDraft.example().set("/id", "DE-REBUILT-" + i).json()))).status()).isEqualTo(201);
            }
            Map<String, Long> before = inbox(cluster.client(0, india));
            assertThat(before).containsOnlyKeys("DE-REBUILT-1", "DE-REBUILT-2", "DE-REBUILT-3");

            var db = cluster.config(0).database();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT count(*) FROM pensim_inbox WHERE v LIKE '%\"kind\":\"NOTIFICATION\"%'")).isZero();
                assertThat(count(s, "SELECT count(*) FROM pensim_notifications WHERE v LIKE '%\"inboxSequence\"%'")).isEqualTo(3);
            }

            cluster.stopAll();
            cluster.restart(0);
            cluster.awaitSize(1);
            RegistryClient reader = cluster.client(0, india);
            assertThat(inbox(reader)).isEqualTo(before);
            // The next delivery continues the sequence.
            assertThat(await(cluster.client(0, germany).submit(signer.sign(DocumentType.NOTIFICATION,
                    NotificationDraft.example().set("/id", "DE-REBUILT-4").json()))).status()).isEqualTo(201);
            assertThat(inbox(reader).get("DE-REBUILT-4")).isEqualTo(before.values().stream().mapToLong(Long::longValue).max()
                    .orElseThrow() + 1);
        }
    }

    private static Map<String, Long> inbox(RegistryClient reader) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode e : await(reader.inbox(0, 100)).body().get("entries")) {
            out.put(e.get("id").asText(), e.get("sequence").asLong());
        }
        return out;
    }

    private static int count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

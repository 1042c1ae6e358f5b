package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.cluster.ClusterChild;
import org.pensim.registry.cluster.LocalCluster;

/**
 * Acknowledged means durable: a registry whose members all die at once (one SIGKILL of the process that holds
 * them), in the middle of a burst and right after its acknowledgements, is started cold from its database,
 * and every acknowledged notification is there, in the importer's inbox once. Without the commit forced per
 * batch, H2 kept the last second of commits in memory and lost them here.
 */
class CrashOfEveryMemberTest {

    private static final int BURST = 400;
    private static final int KILL_AFTER_ACKNOWLEDGEMENTS = 300;

    @Test
    void on_h2_every_acknowledged_notification_survives_a_kill_of_every_member() throws Exception {
        Path dir = Files.createTempDirectory("pensim-crash-h2");
        crashAndRecover(dir, "jdbc:h2:file:" + dir.resolve("db/registry") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    @Test
    void on_postgresql_every_acknowledged_notification_survives_a_kill_of_every_member() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start()) {
            crashAndRecover(Files.createTempDirectory("pensim-crash-pg"), pg.url(), "pensim", "");
        }
    }

    private void crashAndRecover(Path dir, String jdbcUrl, String user, String password) throws Exception {
        Path caDir = dir.resolve("ca");
        Vertx vertx = Vertx.vertx();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AuthorityCredentials importer;
        try (ClusterChild child = ClusterChild.start("pensim-crash-" + System.nanoTime(), 2, caDir, jdbcUrl, user, password,
                0, false, List.of("-Xmx512m"), dir.resolve("registry.log"))) {
            AuthorityCredentials operator = AuthorityCredentials.read(caDir.resolve("operator/key.pem"),
                    caDir.resolve("operator/cert.pem"));
            RegistryClient operatorClient = new RegistryClient(vertx, "127.0.0.1", child.httpPorts().get(0), operator,
                    Clock.systemUTC());
            AuthorityCredentials exporter = await(operatorClient.enrolNewKey("DE", AuthorityRole.EXPORTING));
            importer = await(operatorClient.enrolNewKey("IN", AuthorityRole.IMPORTING));
            DocumentSigner signer = new DocumentSigner(exporter);
            List<RegistryClient> clients = child.httpPorts().stream()
                    .map(port -> new RegistryClient(vertx, "127.0.0.1", port, exporter, Clock.systemUTC())).toList();
            // 32 in flight, over both members; the kill comes as the 300th acknowledgement arrives, with the
            // rest of the burst still in flight (those are not acknowledged: their clients would send again).
            CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACKNOWLEDGEMENTS);
            AtomicInteger next = new AtomicInteger();
            for (int lane = 0; lane < 32; lane++) {
                sendNext(clients, signer, next, acknowledged, enough);
            }
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("acknowledgements before the kill").isTrue();
            child.killEveryMember();
        }
        vertx.close();

        List<org.pensim.registry.config.RegistryConfig> configs = LocalCluster.configs("pensim-crash-restart-" + System.nanoTime(),
                1, null, caDir, jdbcUrl, user, password, 60);
        List<RegistryMember> restarted = LocalCluster.start(configs, Clock.systemUTC());
        Vertx readerVertx = Vertx.vertx();
        try {
            RegistryClient reader = new RegistryClient(readerVertx, "127.0.0.1", restarted.get(0).httpPort(), importer,
                    Clock.systemUTC());
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGEMENTS);
            // The inbox first, right after the restart: sequences handed to requests the kill cut off are holes, which
            // a reader passes once the entry after them is old enough, and must then find every acknowledged one.
            List<String> inbox = ImporterInbox.idsUntilDelivered(reader, acknowledged);
            assertThat(inbox).as("each delivered once").doesNotHaveDuplicates();
            for (String id : acknowledged) {
                assertThat(await(reader.notification(id)).status()).as("acknowledged %s after the restart", id).isEqualTo(200);
            }
        } finally {
            readerVertx.close();
            restarted.forEach(RegistryMember::kill);
        }
    }

    private static void sendNext(List<RegistryClient> clients, DocumentSigner signer, AtomicInteger next, Set<String> acknowledged,
            CountDownLatch enough) {
        int n = next.getAndIncrement();
        if (n >= BURST) {
            return;
        }
        String id = "DE-CRASH-" + n;
        clients.get(n % clients.size()).submit(signer.sign(DocumentType.NOTIFICATION,
                NotificationDraft.example().set("/id", id).json())).onComplete(r -> {
                    if (r.succeeded() && r.result().status() == 201) {
                        acknowledged.add(id);
                        enough.countDown();
                    }
                    if (enough.getCount() > 0) {
                        sendNext(clients, signer, next, acknowledged, enough);
                    } else {
                        // Keep the burst going while the kill lands, so that some requests are cut off mid-way.
                        sendNext(clients, signer, next, acknowledged, new CountDownLatch(0));
                    }
                });
    }
}

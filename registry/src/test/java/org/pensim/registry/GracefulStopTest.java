package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;

/**
 * A member stopped under load: what it took it answers, what comes after it refuses with 503 and
 * Retry-After, never a 500; exporters that go to the other member lose nothing, and nothing is delivered twice.
 */
class GracefulStopTest {

    @Test
    void a_member_stopping_under_load_answers_no_500_and_loses_nothing() throws Exception {
        try (TestCluster cluster = new TestCluster(2).start()) {
            AuthorityCredentials germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            AuthorityCredentials india = cluster.enrol("IN", AuthorityRole.IMPORTING);
            DocumentSigner signer = new DocumentSigner(germany);
            List<RegistryClient> clients = List.of(cluster.client(0, germany), cluster.client(1, germany));
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> refusalsWithoutRetryAfter = ConcurrentHashMap.newKeySet();
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            int lanes = 16;
            for (int lane = 0; lane < lanes; lane++) {
                send(clients, 0, signer, "DE-STOP-" + sent.getAndIncrement(), running, sent, finished, statuses, acknowledged,
                        refusalsWithoutRetryAfter);
            }
            org.awaitility.Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> acknowledged.size() >= 100);
            // Stopped as an operator stops it, with requests in flight on it.
            cluster.members.get(0).close();
            int afterStop = acknowledged.size();
            org.awaitility.Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> acknowledged.size() >= afterStop + 100);
            running.set(false);
            org.awaitility.Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> finished.get() == lanes);

            assertThat(statuses.keySet()).as("statuses answered: %s, unexpected answers: %s", statuses, UNEXPECTED).allMatch(s -> s == 201 || s == 503);
            assertThat(refusalsWithoutRetryAfter).isEmpty();
            RegistryClient reader = cluster.client(1, india);
            for (String id : acknowledged) {
                assertThat(await(reader.notification(id)).status()).as(id).isEqualTo(200);
            }
            List<String> inbox = ImporterInbox.idsUntilDelivered(reader, acknowledged);
            assertThat(inbox).containsAll(acknowledged).doesNotHaveDuplicates();
        }
    }

    /**
     * Sends one notification as an exporter would: a 503 or a lost connection means the same document again,
     * to the other member; an acknowledgement means the next notification.
     */
    /** The answers that are neither an acknowledgement nor a refusal to retry, with their bodies, for the failure message. */
    private static final java.util.Queue<String> UNEXPECTED = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private static void send(List<RegistryClient> clients, int member, DocumentSigner signer, String id, AtomicBoolean running,
            AtomicInteger sent, AtomicInteger finished, Map<Integer, AtomicInteger> statuses, Set<String> acknowledged,
            Set<String> refusalsWithoutRetryAfter) {
        clients.get(member).submit(signer.sign(DocumentType.NOTIFICATION, NotificationDraft.example().set("/id", id).json()))
                .onComplete(r -> {
                    int other = (member + 1) % clients.size();
                    if (r.succeeded()) {
                        statuses.computeIfAbsent(r.result().status(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.result().status() != 201 && r.result().status() != 200 && r.result().status() != 503) {
                            UNEXPECTED.add(r.result().status() + " " + r.result().body());
                        }
                        if (r.result().status() == 201 || r.result().status() == 200) {
                            acknowledged.add(id);
                            if (running.get()) {
                                send(clients, other, signer, "DE-STOP-" + sent.getAndIncrement(), running, sent, finished,
                                        statuses, acknowledged, refusalsWithoutRetryAfter);
                            } else {
                                finished.incrementAndGet();
                            }
                            return;
                        }
                        if (r.result().status() == 503 && r.result().retryAfterSeconds() < 1) {
                            refusalsWithoutRetryAfter.add(id);
                        }
                    }
                    // Refused or cut off: the same document again, on the other member.
                    send(clients, other, signer, id, running, sent, finished, statuses, acknowledged, refusalsWithoutRetryAfter);
                });
    }
}

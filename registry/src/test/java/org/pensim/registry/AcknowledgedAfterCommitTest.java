package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;

/**
 * The acknowledgement waits for the commit of its group, not only for the write: PostgreSQL is made to hold
 * the commit itself (a deferred constraint trigger, which runs at COMMIT, waits on a lock the test holds), and
 * no acknowledgement may arrive until the test lets the commit through. An acknowledgement released before
 * the commit arrives while the commit is held, and fails this test.
 */
class AcknowledgedAfterCommitTest {

    private static final long GATE = 4242;

    @Test
    void a_submission_is_acknowledged_only_once_its_batch_is_committed() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start();
             TestCluster cluster = new TestCluster(1).database(pg.url(), "pensim", "").start();
             Connection gate = DriverManager.getConnection(pg.url(), "pensim", "");
             Connection observer = DriverManager.getConnection(pg.url(), "pensim", "")) {
            AuthorityCredentials germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            cluster.enrol("IN", AuthorityRole.IMPORTING);
            try (Statement s = gate.createStatement()) {
                s.execute("CREATE FUNCTION pensim_commit_gate() RETURNS trigger AS $$ BEGIN "
                        + "PERFORM pg_advisory_xact_lock_shared(" + GATE + "); RETURN NULL; END $$ LANGUAGE plpgsql");
                s.execute("CREATE CONSTRAINT TRIGGER pensim_commit_gate AFTER INSERT OR UPDATE ON pensim_notifications "
                        + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pensim_commit_gate()");
                s.execute("SELECT pg_advisory_lock(" + GATE + ")");
            }
            RegistryClient client = cluster.client(0, germany);
            Future<RegistryClient.Response> answer = client.submit(new DocumentSigner(germany).sign(DocumentType.NOTIFICATION,
                    NotificationDraft.example().set("/id", "DE-GATED-1").json()));

            // The write reaches the database and waits at its commit: nothing is acknowledged meanwhile.
            org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> commitsWaitingAtTheGate(observer) > 0);
            // An acknowledgement released before the commit would arrive within this second.
            org.awaitility.Awaitility.await("no acknowledgement while its commit is held").during(1, TimeUnit.SECONDS)
                    .atMost(2, TimeUnit.SECONDS).until(() -> !answer.isComplete());
            assertThat(stored(observer, "DE-GATED-1")).isFalse();

            try (Statement s = gate.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(" + GATE + ")");
            }
            assertThat(await(answer).status()).isEqualTo(201);
            assertThat(stored(observer, "DE-GATED-1")).as("committed by the time it was acknowledged").isTrue();
        }
    }

    /** Sessions waiting for the gate's lock: the group commit's transaction, stopped at its COMMIT. */
    private static int commitsWaitingAtTheGate(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = " + GATE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean stored(Connection c, String id) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM pensim_notifications WHERE k = '" + id + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}

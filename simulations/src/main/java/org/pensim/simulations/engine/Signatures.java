package org.pensim.simulations.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.RevocationStatus;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.validation.DocumentValidator;

/**
 * Real signatures for a run: a root CA enrols every authority, each notification is validated, signed
 * and verified twice (registry and importer) on the other cores while the event loop goes on; a rogue CA
 * makes the forgeries the registry must refuse.
 */
final class Signatures implements AutoCloseable {

    private final Clock clock;
    private final DocumentValidator validator = DocumentValidator.standard();
    private final Map<String, DocumentSigner> signers = new HashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
            r -> {
                Thread t = new Thread(r, "pensim-sim-crypto");
                t.setDaemon(true);
                return t;
            });
    private DocumentSigner forger;
    private SignatureVerifier verifier;

    Signatures(Clock clock) {
        this.clock = clock;
    }

    void enrol(Collection<String> countries) {
        CertificateAuthority ca = CertificateAuthority.create("pensim simulation root", clock, Duration.ofDays(3660 * 2));
        for (String c : countries) {
            signers.put(c, new DocumentSigner(ca.enrol(c, AuthorityRole.EXPORTING, Duration.ofDays(3660 * 2))));
        }
        CertificateAuthority rogue = CertificateAuthority.create("forger", clock, Duration.ofDays(3660 * 2));
        AuthorityCredentials fake = rogue.enrol(countries.iterator().next(), AuthorityRole.EXPORTING, Duration.ofDays(3660 * 2));
        forger = new DocumentSigner(fake);
        verifier = new SignatureVerifier(new CertificateChecker(ca.certificate(), RevocationStatus.NONE, clock));
    }

    /** Validates, signs and verifies on the pool; the importer awaits the result before reading. */
    Future<?> signAndVerify(PreExportNotification n) {
        DocumentSigner signer = signers.get(n.exportingCountry());
        return pool.submit(() -> {
            var doc = ProtocolJson.tree(n);
            var problems = validator.checkNotification(doc);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the simulator built an invalid notification " + n.id() + ": " + problems);
            }
            SignedDocument signed = signer.sign(DocumentType.NOTIFICATION, doc);
            verifier.verify(signed, DocumentType.NOTIFICATION);
            verifier.verify(signed, DocumentType.NOTIFICATION);
            return null;
        });
    }

    /** Signs with the rogue key and returns the registry's reason for refusing it. */
    String forgeryRefusal(PreExportNotification n) {
        try {
            verifier.verify(forger.sign(DocumentType.NOTIFICATION, n), DocumentType.NOTIFICATION);
        } catch (SignatureVerificationException e) {
            return e.getMessage();
        }
        throw new IllegalStateException("the registry accepted a forged notification " + n.id());
    }

    static void await(Future<?> f) {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}

package org.pensim.protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.RevocationStatus;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.HttpMessageSignatures;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.signing.VerifiedDocument;
import org.pensim.protocol.testing.Examples;
import org.pensim.protocol.validation.DocumentValidator;
import org.pensim.protocol.validation.Problem;

/**
 * The CPU floor of one notification through the registry, without any network, storage or cluster:
 * only the signing, verifying, parsing and validation the protocol requires of every party. Divide two
 * cores by it to get the rate no registry on this machine can pass, however lean the rest.
 *
 * <p>{@code submission} is what one accepted notification costs the exporting authority and the
 * registry (issue "Registry", section 6); {@code reply} is what the importing authority's verification
 * and signed reply add (issue "Load tests": submission to flag and reply).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NotificationCryptoBudget {

    /** The registry's receipt (registry module, {@code submission.Receipt}), with the same fields. */
    record Receipt(String type, String notificationId, String sha256, Instant registryTime, long sequence) {
    }

    private final Clock clock = Clock.systemUTC();
    private ObjectNode notification;
    private DocumentSigner exporter;
    private DocumentSigner importer;
    private DocumentSigner registry;
    private AuthorityCredentials exporterCredentials;
    private AuthorityCredentials importerCredentials;
    private SignatureVerifier verifier;
    private DocumentValidator validator;
    private JsonNode deliveredEnvelope;
    private long sequence;

    @Setup
    public void setUp() {
        CertificateAuthority ca = CertificateAuthority.create("budget root", clock, Duration.ofDays(30));
        exporterCredentials = ca.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(30));
        importerCredentials = ca.enrol("NG", AuthorityRole.IMPORTING, Duration.ofDays(30));
        AuthorityCredentials registryCredentials = ca.enrol("AT", AuthorityRole.OPERATOR, Duration.ofDays(30));
        exporter = new DocumentSigner(exporterCredentials);
        importer = new DocumentSigner(importerCredentials);
        registry = new DocumentSigner(registryCredentials);
        verifier = new SignatureVerifier(new CertificateChecker(ca.certificate(), RevocationStatus.NONE, clock));
        validator = DocumentValidator.standard();
        notification = Examples.notification();
        if (!validator.checkNotification(notification).isEmpty()) {
            throw new IllegalStateException("the example notification does not validate");
        }
        deliveredEnvelope = exporter.sign(DocumentType.NOTIFICATION, notification).toJson();
    }

    /** Exporter signs the document and the request; the registry authenticates, verifies, validates and signs a receipt. */
    @Benchmark
    public SignedDocument submission() throws IOException {
        // Exporting authority
        byte[] body = exporter.sign(DocumentType.NOTIFICATION, notification).toJson().toString()
                .getBytes(StandardCharsets.UTF_8);
        HttpMessageSignatures.Headers headers = HttpMessageSignatures.sign(exporterCredentials, "POST",
                "/v1/notifications", "", body, clock.instant());
        // Registry
        VerifiedDocument verified = authenticateAndVerify(headers, exporterCredentials, "/v1/notifications", body,
                DocumentType.NOTIFICATION);
        List<Problem> problems = validator.checkNotification(verified.document());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.toString());
        }
        return registry.sign(DocumentType.RECEIPT, new Receipt("NOTIFICATION_RECEIPT",
                verified.document().get("id").asText(), verified.sha256(), clock.instant(), ++sequence));
    }

    /** Importer verifies the delivered notification and signs its reply and the request; the registry checks both. */
    @Benchmark
    public VerifiedDocument reply() throws IOException {
        // Importing authority
        VerifiedDocument delivered = verifier.verify(SignedDocument.fromJson(deliveredEnvelope), DocumentType.NOTIFICATION);
        String id = delivered.document().get("id").asText();
        LifecycleEvent reply = LifecycleEvent.reply("NG-R-" + id, id, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                "NG", Decision.NO_OBJECTION, List.of());
        byte[] body = importer.sign(DocumentType.EVENT, reply).toJson().toString().getBytes(StandardCharsets.UTF_8);
        String path = "/v1/notifications/" + id + "/events";
        HttpMessageSignatures.Headers headers = HttpMessageSignatures.sign(importerCredentials, "POST", path, "", body,
                clock.instant());
        // Registry
        VerifiedDocument event = authenticateAndVerify(headers, importerCredentials, path, body, DocumentType.EVENT);
        List<Problem> problems = validator.checkEvent(event.document());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.toString());
        }
        return event;
    }

    /** What the registry does with a signed request before looking at its meaning. */
    private VerifiedDocument authenticateAndVerify(HttpMessageSignatures.Headers headers, AuthorityCredentials sender,
            String path, byte[] body, DocumentType type) throws IOException {
        HttpMessageSignatures.Claim claim = HttpMessageSignatures.parse(headers.signatureInput(), headers.signature());
        String digest = HttpMessageSignatures.contentDigest(body);
        if (!digest.equals(headers.contentDigest())
                || !HttpMessageSignatures.verify(claim, sender.certificate().publicKey(), "POST", path, "", digest)) {
            throw new IllegalStateException("request signature does not verify");
        }
        JsonNode received = ProtocolJson.parse(body);
        return verifier.verify(SignedDocument.fromJson(received), type);
    }
}

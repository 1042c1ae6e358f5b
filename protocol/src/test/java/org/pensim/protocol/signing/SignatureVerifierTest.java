package org.pensim.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.Crypto;
import org.pensim.protocol.pki.RevocationStatus;
import org.pensim.protocol.testing.Examples;

class SignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final CertificateAuthority ca = CertificateAuthority.create("pensim test root", clock, Duration.ofDays(3650));
    private final AuthorityCredentials germanExporter = ca.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(365));
    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private final SignatureVerifier verifier =
            new SignatureVerifier(new CertificateChecker(ca.certificate(), revoked::contains, clock));

    private SignedDocument signedExample() {
        return new DocumentSigner(germanExporter).sign(DocumentType.NOTIFICATION, Examples.notification());
    }

    @Test
    void a_signed_notification_verifies_and_names_its_signer() {
        VerifiedDocument v = verifier.verify(signedExample(), DocumentType.NOTIFICATION);
        assertThat(v.signer().country()).isEqualTo("DE");
        assertThat(v.signer().role()).isEqualTo(AuthorityRole.EXPORTING);
        assertThat(v.sha256()).hasSize(64);
    }

    @Test
    void the_envelope_is_a_detached_jws_that_standard_tools_can_rebuild() {
        SignedDocument s = signedExample();
        JsonNode header = org.pensim.protocol.json.ProtocolJson.mapper().valueToTree(Map.of());
        try {
            header = org.pensim.protocol.json.ProtocolJson.parse(
                    new String(Crypto.fromBase64Url(s.protectedHeader()), java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(header.get("alg").asText()).isEqualTo("EdDSA");
        assertThat(header.get("typ").asText()).isEqualTo("pensim-notification+json");
        assertThat(header.get("kid").asText()).isEqualTo(germanExporter.certificate().thumbprint());
        assertThat(header.get("x5c").get(0).asText()).isEqualTo(germanExporter.certificate().x5c());
        assertThat(Crypto.fromBase64Url(s.signature())).hasSize(64);
    }

    @Test
    void any_change_to_any_field_is_detected() {
        SignedDocument original = signedExample();
        List<String> leaves = new ArrayList<>();
        collectLeaves(original.document(), "", leaves);
        assertThat(leaves).hasSizeGreaterThan(50);
        for (String pointer : leaves) {
            ObjectNode changed = original.document().deepCopy();
            mutate(changed, pointer);
            SignedDocument tampered = new SignedDocument(original.protectedHeader(), changed, original.signature());
            assertThatThrownBy(() -> verifier.verify(tampered, DocumentType.NOTIFICATION))
                    .as("change at %s", pointer)
                    .isInstanceOf(SignatureVerificationException.class)
                    .satisfies(e -> assertThat(((SignatureVerificationException) e).reason())
                            .isIn(VerificationFailure.SIGNATURE_INVALID, VerificationFailure.WRONG_COUNTRY));
        }
        // Adding or removing a member is a change too.
        ObjectNode added = original.document().deepCopy();
        added.put("note", "x");
        assertReason(new SignedDocument(original.protectedHeader(), added, original.signature()),
                VerificationFailure.SIGNATURE_INVALID);
        ObjectNode removed = original.document().deepCopy();
        removed.remove("invoiceNumber");
        assertReason(new SignedDocument(original.protectedHeader(), removed, original.signature()),
                VerificationFailure.SIGNATURE_INVALID);
    }

    @Test
    void reordering_members_is_not_a_change() {
        SignedDocument original = signedExample();
        ObjectNode reordered = org.pensim.protocol.json.ProtocolJson.mapper().createObjectNode();
        List<String> names = new ArrayList<>();
        original.document().fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(n -> reordered.set(n, original.document().get(n)));
        verifier.verify(new SignedDocument(original.protectedHeader(), reordered, original.signature()),
                DocumentType.NOTIFICATION);
    }

    @Test
    void a_signature_made_with_another_key_is_rejected() {
        AuthorityCredentials impostor = ca.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(365));
        SignedDocument byImpostor = new DocumentSigner(impostor).sign(DocumentType.NOTIFICATION, Examples.notification());
        // The impostor's signature presented under the genuine exporter's certificate.
        SignedDocument forged = new SignedDocument(signedExample().protectedHeader(), byImpostor.document(),
                byImpostor.signature());
        assertReason(forged, VerificationFailure.SIGNATURE_INVALID);
    }

    @Test
    void an_expired_or_not_yet_valid_certificate_is_rejected() {
        SignedDocument s = signedExample();
        clock.set(NOW.plus(Duration.ofDays(400)));
        assertReason(s, VerificationFailure.CERTIFICATE_EXPIRED);
        clock.set(NOW.minus(Duration.ofDays(1)));
        assertReason(s, VerificationFailure.CERTIFICATE_NOT_YET_VALID);
    }

    @Test
    void a_revoked_certificate_is_rejected_at_once() {
        SignedDocument s = signedExample();
        verifier.verify(s, DocumentType.NOTIFICATION);
        revoked.add(germanExporter.certificate().certificate().getSerialNumber());
        assertReason(s, VerificationFailure.CERTIFICATE_REVOKED);
    }

    @Test
    void a_revocation_list_signed_by_the_ca_revokes() {
        SignedDocument s = signedExample();
        var crl = ca.revocationList(List.of(germanExporter.certificate().certificate().getSerialNumber()),
                Duration.ofDays(7));
        SignatureVerifier withCrl = new SignatureVerifier(new CertificateChecker(ca.certificate(),
                RevocationStatus.fromCrl(crl, ca.certificate()), clock));
        assertThatThrownBy(() -> withCrl.verify(s, DocumentType.NOTIFICATION))
                .hasMessageContaining("has been revoked");
        CertificateAuthority other = CertificateAuthority.create("other root", clock, Duration.ofDays(10));
        assertThatThrownBy(() -> RevocationStatus.fromCrl(other.revocationList(List.of(), Duration.ofDays(1)),
                ca.certificate())).hasMessageContaining("not signed by the CA");
    }

    @Test
    void a_certificate_of_another_country_is_rejected() {
        AuthorityCredentials french = ca.enrol("FR", AuthorityRole.EXPORTING, Duration.ofDays(365));
        SignedDocument s = new DocumentSigner(french).sign(DocumentType.NOTIFICATION, Examples.notification());
        assertThatThrownBy(() -> verifier.verify(s, DocumentType.NOTIFICATION))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessage("a notification must be signed by the exporting authority of DE, but was signed by "
                        + "the FR exporting authority")
                .satisfies(e -> assertThat(((SignatureVerificationException) e).reason())
                        .isEqualTo(VerificationFailure.WRONG_COUNTRY));
    }

    @Test
    void a_certificate_of_another_role_is_rejected() {
        AuthorityCredentials germanImporter = ca.enrol("DE", AuthorityRole.IMPORTING, Duration.ofDays(365));
        SignedDocument s = new DocumentSigner(germanImporter).sign(DocumentType.NOTIFICATION, Examples.notification());
        assertReason(s, VerificationFailure.WRONG_ROLE);
    }

    @Test
    void a_certificate_from_another_ca_is_rejected() {
        CertificateAuthority rogue = CertificateAuthority.create("pensim test root", clock, Duration.ofDays(3650));
        AuthorityCredentials fake = rogue.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(365));
        SignedDocument s = new DocumentSigner(fake).sign(DocumentType.NOTIFICATION, Examples.notification());
        assertReason(s, VerificationFailure.NOT_ISSUED_BY_TRUSTED_CA);
    }

    @Test
    void a_kid_that_is_not_the_certificate_thumbprint_is_rejected() {
        AuthorityCredentials other = ca.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(365));
        ObjectNode header = org.pensim.protocol.json.ProtocolJson.mapper().createObjectNode();
        header.put("alg", "EdDSA").put("typ", "pensim-notification+json").put("kid", other.certificate().thumbprint());
        header.putArray("x5c").add(germanExporter.certificate().x5c());
        SignedDocument s = new SignedDocument(Crypto.base64Url(header.toString().getBytes()),
                Examples.notification(), signedExample().signature());
        assertReason(s, VerificationFailure.KID_MISMATCH);
    }

    /**
     * The auditor's envelope: the German exporter's kid, a valid signature by the German key, but the French
     * certificate in x5c. A verifier that has already seen the German kid must refuse it as a fresh one does,
     * for the same reason, instead of trusting its cache (issue 19, defect 1).
     */
    @Test
    void a_known_kid_with_another_certificate_in_x5c_is_refused_as_by_a_fresh_verifier() {
        AuthorityCredentials french = ca.enrol("FR", AuthorityRole.EXPORTING, Duration.ofDays(365));
        ObjectNode header = org.pensim.protocol.json.ProtocolJson.mapper().createObjectNode();
        header.put("alg", "EdDSA").put("typ", "pensim-notification+json").put("kid", germanExporter.certificate().thumbprint());
        header.putArray("x5c").add(french.certificate().x5c());
        String protectedHeader = Crypto.base64Url(header.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] input = DocumentSigner.SigningInput.of(protectedHeader,
                org.pensim.protocol.canonical.JsonCanonicalizer.signable().canonicalize(
                        org.pensim.protocol.json.ProtocolJson.tree(Examples.notification())));
        byte[] signature = new byte[org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(germanExporter.privateKey().getEncoded(), 0, input, 0, input.length,
                signature, 0);
        SignedDocument crafted = new SignedDocument(protectedHeader,
                org.pensim.protocol.json.ProtocolJson.tree(Examples.notification()), Crypto.base64Url(signature));

        SignatureVerifier fresh = new SignatureVerifier(new CertificateChecker(ca.certificate(), revoked::contains, clock));
        assertThatThrownBy(() -> fresh.verify(crafted, DocumentType.NOTIFICATION))
                .isInstanceOfSatisfying(SignatureVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(VerificationFailure.KID_MISMATCH));
        verifier.verify(signedExample(), DocumentType.NOTIFICATION); // the German kid is now known to this verifier
        assertReason(crafted, VerificationFailure.KID_MISMATCH);
    }

    @Test
    void a_document_of_another_type_is_rejected() {
        SignedDocument asEvent = new DocumentSigner(germanExporter).sign(DocumentType.EVENT, Examples.notification());
        assertThatThrownBy(() -> verifier.verify(asEvent, DocumentType.NOTIFICATION))
                .hasMessage("expected a pensim-notification+json document, got pensim-event+json");
    }

    @Test
    void a_changed_protected_header_or_signature_is_rejected() {
        SignedDocument s = signedExample();
        String sig = s.signature();
        char last = sig.charAt(sig.length() - 1);
        String otherLast = sig.substring(0, sig.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThatThrownBy(() -> verifier.verify(new SignedDocument(s.protectedHeader(), s.document(), otherLast),
                DocumentType.NOTIFICATION)).isInstanceOf(SignatureVerificationException.class);
        assertReason(new SignedDocument("e30", s.document(), sig), VerificationFailure.UNSUPPORTED_ALGORITHM);
        assertReason(new SignedDocument("!!", s.document(), sig), VerificationFailure.MALFORMED_ENVELOPE);
    }

    @Test
    void floats_in_a_document_are_refused_at_signing_and_at_verification() {
        ObjectNode doc = Examples.notification();
        ((ObjectNode) doc.at("/items/0/packages")).put("count", 20.5);
        assertThatThrownBy(() -> new DocumentSigner(germanExporter).sign(DocumentType.NOTIFICATION, doc))
                .hasMessageContaining("/items/0/packages/count: floating-point number 20.5");
        SignedDocument s = signedExample();
        ObjectNode tampered = s.document().deepCopy();
        ((ObjectNode) tampered.at("/items/0/packages")).put("count", 20.0);
        assertReason(new SignedDocument(s.protectedHeader(), tampered, s.signature()),
                VerificationFailure.NOT_CANONICALIZABLE);
    }

    @Test
    void envelopes_with_missing_or_extra_members_are_malformed() {
        ObjectNode json = signedExample().toJson();
        json.remove("signature");
        assertThatThrownBy(() -> SignedDocument.fromJson(json)).hasMessage("/signature: a base64url string is required");
        ObjectNode extra = signedExample().toJson();
        extra.put("payload", "x");
        assertThatThrownBy(() -> SignedDocument.fromJson(extra)).hasMessage("/payload: unexpected member of a signed document");
        assertThat(SignedDocument.fromJson(signedExample().toJson())).isEqualTo(signedExample());
    }

    @Test
    void signing_is_safe_across_threads() throws Exception {
        DocumentSigner signer = new DocumentSigner(germanExporter);
        ObjectNode doc = Examples.notification();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int n = t;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        ObjectNode d = doc.deepCopy();
                        d.put("id", "DE-T" + n + "-" + i);
                        verifier.verify(signer.sign(DocumentType.NOTIFICATION, d), DocumentType.NOTIFICATION);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
    }

    private void assertReason(SignedDocument s, VerificationFailure reason) {
        assertThatThrownBy(() -> verifier.verify(s, DocumentType.NOTIFICATION))
                .isInstanceOf(SignatureVerificationException.class)
                .satisfies(e -> assertThat(((SignatureVerificationException) e).reason()).isEqualTo(reason));
    }

    static void collectLeaves(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                collectLeaves(e.getValue(), pointer + "/" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLeaves(node.get(i), pointer + "/" + i, out);
            }
        } else {
            out.add(pointer);
        }
    }

    static void mutate(ObjectNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        JsonNode leaf = root.at(pointer);
        JsonNode replacement = leaf.isTextual() ? TextNode.valueOf(leaf.textValue() + "x")
                : leaf.isBoolean() ? BooleanNode.valueOf(!leaf.booleanValue())
                : IntNode.valueOf(leaf.intValue() + 1);
        if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), replacement);
        } else {
            ((ObjectNode) parent).set(last, replacement);
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package org.pensim.protocol.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.pensim.protocol.canonical.CanonicalizationException;
import org.pensim.protocol.canonical.JsonCanonicalizer;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.Crypto;

/**
 * Verifies signed documents: envelope, header, certificate (via {@link CertificateChecker}), that the
 * signer is the authority the document says issued it, and the Ed25519 signature over the canonical
 * bytes. Thread-safe. Each failure names its {@link VerificationFailure}.
 */
public final class SignatureVerifier {

    private final CertificateChecker checker;
    private final JsonCanonicalizer canonicalizer = JsonCanonicalizer.signable();
    private final Map<String, AuthorityCertificate> certificates = new ConcurrentHashMap<>();

    public SignatureVerifier(CertificateChecker checker) {
        this.checker = checker;
    }

    /** A protected header already parsed and checked; authorities reuse one header for every document. */
    private record Header(DocumentType type, AuthorityCertificate signer) {
    }

    private final Map<String, Header> headers = new ConcurrentHashMap<>();

    /** Verifies a document of the expected type, and that its signer is the authority it names. */
    public VerifiedDocument verify(SignedDocument signed, DocumentType expected) {
        Header parsed = headers.get(signed.protectedHeader());
        if (parsed == null) {
            parsed = parseHeader(signed.protectedHeader());
            if (headers.size() < 100_000) {
                headers.put(signed.protectedHeader(), parsed);
            }
        }
        DocumentType type = parsed.type();
        if (type != expected) {
            throw new SignatureVerificationException(VerificationFailure.WRONG_DOCUMENT_TYPE,
                    "expected a " + expected.mediaType() + " document, got " + type.mediaType());
        }
        AuthorityCertificate signer = parsed.signer();
        checker.check(signer);
        checkSignerIsIssuer(type, signed.document(), signer);
        byte[] canonical;
        try {
            canonical = canonicalizer.canonicalize(signed.document());
        } catch (CanonicalizationException e) {
            throw new SignatureVerificationException(VerificationFailure.NOT_CANONICALIZABLE,
                    "/document" + e.getMessage());
        }
        byte[] signature;
        try {
            signature = Crypto.fromBase64Url(signed.signature());
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                    "/signature is not base64url");
        }
        // A base64 string has spare low bits in its last character; only the canonical spelling is accepted,
        // so that no character of an envelope can change without the verification failing.
        if (!Crypto.base64Url(signature).equals(signed.signature())) {
            throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                    "/signature is not in canonical unpadded base64url");
        }
        byte[] input = DocumentSigner.SigningInput.of(signed.protectedHeader(), canonical);
        // Through the key object: it keeps its decoded curve point (the certificate is cached), which spares
        // every verification the point decompression, about a tenth of its cost.
        if (signature.length != Ed25519.SIGNATURE_SIZE
                || !signer.publicKey().verify(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0)) {
            throw new SignatureVerificationException(VerificationFailure.SIGNATURE_INVALID,
                    "the signature does not match the document and the key of " + signer.describe()
                            + ": the document was changed after signing or signed with another key");
        }
        return new VerifiedDocument(type, signed.document(), signer, canonical);
    }

    /** Verifies and also requires a given signer role and country, for example the registry's own. */
    public VerifiedDocument verifyFrom(SignedDocument signed, DocumentType expected, AuthorityRole role,
            String country) {
        VerifiedDocument v = verify(signed, expected);
        requireSigner(v.signer(), role, country, "this document");
        return v;
    }

    private Header parseHeader(String protectedHeader) {
        JsonNode header = header(protectedHeader);
        if (!"EdDSA".equals(header.path("alg").asText(null))) {
            throw new SignatureVerificationException(VerificationFailure.UNSUPPORTED_ALGORITHM,
                    "protected header alg must be EdDSA, not " + header.path("alg"));
        }
        DocumentType type = DocumentType.ofMediaType(header.path("typ").asText(""));
        return new Header(type, signer(header));
    }

    private static JsonNode header(String protectedHeader) {
        try {
            JsonNode header = ProtocolJson.parse(new String(Crypto.fromBase64Url(protectedHeader),
                    StandardCharsets.UTF_8));
            if (!header.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            return header;
        } catch (Exception e) {
            throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                    "/protected is not a base64url JSON object");
        }
    }

    private AuthorityCertificate signer(JsonNode header) {
        String kid = header.path("kid").asText(null);
        if (kid == null) {
            throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                    "protected header has no kid");
        }
        JsonNode x5c = header.path("x5c");
        if (!x5c.isArray() || x5c.isEmpty() || !x5c.get(0).isTextual()) {
            throw new SignatureVerificationException(VerificationFailure.UNKNOWN_SIGNER,
                    "protected header carries no certificate (x5c) for kid " + printable(kid));
        }
        // Cached by the certificate carried, never by the kid: the kid is checked against the certificate on
        // every envelope, so that a verifier that has seen a kid before answers as a fresh one would.
        String der = x5c.get(0).textValue();
        AuthorityCertificate cert = certificates.get(der);
        if (cert == null) {
            try {
                cert = AuthorityCertificate.fromX5c(der);
            } catch (IllegalArgumentException e) {
                throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE, e.getMessage());
            }
            if (certificates.size() < 100_000) {
                certificates.put(der, cert);
            }
        }
        if (!cert.thumbprint().equals(kid)) {
            throw new SignatureVerificationException(VerificationFailure.KID_MISMATCH,
                    "kid " + printable(kid) + " is not the SHA-256 thumbprint of the certificate carried in x5c");
        }
        return cert;
    }

    /** Quotes untrusted header text safely in messages: no control characters, bounded length. */
    static String printable(String text) {
        String t = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", "?");
        return t.length() > 100 ? t.substring(0, 100) + "..." : t;
    }

    /** The signer must be the authority the document names as its issuer. */
    private static void checkSignerIsIssuer(DocumentType type, JsonNode doc, AuthorityCertificate signer) {
        switch (type) {
            case NOTIFICATION -> requireSigner(signer, AuthorityRole.EXPORTING,
                    doc.path("exportingCountry").asText(null), "a notification");
            case EVENT -> {
                AuthorityRole role;
                try {
                    role = AuthorityRole.valueOf(doc.path("issuerRole").asText(""));
                } catch (IllegalArgumentException e) {
                    throw new SignatureVerificationException(VerificationFailure.WRONG_ROLE,
                            "the event names no valid issuerRole");
                }
                requireSigner(signer, role, doc.path("issuerCountry").asText(null), "this event");
            }
            case INCIDENT -> requireSigner(signer, signer.role(), doc.path("reportingCountry").asText(null),
                    "this incident");
            case RECEIPT -> requireSigner(signer, AuthorityRole.OPERATOR, signer.country(), "a receipt");
        }
    }

    private static void requireSigner(AuthorityCertificate signer, AuthorityRole role, String country, String what) {
        if (signer.role() != role) {
            throw new SignatureVerificationException(VerificationFailure.WRONG_ROLE,
                    what + " must be signed by the " + role.label() + " authority, but was signed by the "
                            + signer.describe());
        }
        if (country == null || !country.equals(signer.country())) {
            throw new SignatureVerificationException(VerificationFailure.WRONG_COUNTRY,
                    what + " must be signed by the " + role.label() + " authority of " + country
                            + ", but was signed by the " + signer.describe());
        }
    }
}

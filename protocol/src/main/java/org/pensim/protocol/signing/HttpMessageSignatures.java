package org.pensim.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.Crypto;

/**
 * HTTP Message Signatures (RFC 9421) as pensim uses them to authenticate every request to the registry:
 * an Ed25519 signature over the method, path, query and the body's Content-Digest (RFC 9530), with a
 * creation time and a nonce against replay, and the signer's certificate thumbprint as {@code keyid}.
 * Only this one profile is accepted, so both sides build the same signature base.
 */
public final class HttpMessageSignatures {

    /** The components every request signature must cover, in this order. */
    public static final List<String> COMPONENTS = List.of("@method", "@path", "@query", "content-digest");
    public static final String LABEL = "sig1";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COMPONENT_LIST = "(\"@method\" \"@path\" \"@query\" \"content-digest\")";
    private static final Pattern INPUT = Pattern.compile(
            "^sig1=\\((?<components>[^)]*)\\);created=(?<created>\\d{1,12});keyid=\"(?<kid>[A-Za-z0-9_-]{1,100})\""
                    + ";alg=\"ed25519\";nonce=\"(?<nonce>[A-Za-z0-9_-]{8,100})\"$");
    private static final Pattern SIGNATURE = Pattern.compile("^sig1=:(?<sig>[A-Za-z0-9+/=]{1,200}):$");

    private HttpMessageSignatures() {
    }

    /** The three headers a signed request carries. */
    public record Headers(String contentDigest, String signatureInput, String signature) {
    }

    /** What a received signature claims, parsed from its headers. */
    public record Claim(String keyId, long created, String nonce, String params, byte[] signature) {
    }

    /** Content-Digest (RFC 9530) of a body: {@code sha-256=:base64:}. */
    public static String contentDigest(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(Crypto.sha256(body == null ? new byte[0] : body)) + ":";
    }

    /** Signs a request. Thread-safe. */
    public static Headers sign(AuthorityCredentials credentials, String method, String path, String query, byte[] body,
            Instant created) {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        String params = COMPONENT_LIST + ";created=" + created.getEpochSecond() + ";keyid=\""
                + credentials.certificate().thumbprint() + "\";alg=\"ed25519\";nonce=\"" + Crypto.base64Url(n) + "\"";
        String digest = contentDigest(body);
        byte[] base = base(method, path, query, digest, params);
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        credentials.privateKey().sign(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519,
                credentials.certificate().publicKey(), null, base, 0, base.length, sig, 0);
        return new Headers(digest, LABEL + "=" + params, LABEL + "=:" + Base64.getEncoder().encodeToString(sig) + ":");
    }

    /** Parses the Signature-Input and Signature headers, refusing anything but pensim's profile. */
    public static Claim parse(String signatureInput, String signature) {
        if (signatureInput == null || signature == null) {
            throw new SignatureVerificationException(VerificationFailure.UNKNOWN_SIGNER,
                    "the request is not signed: Signature-Input and Signature headers (RFC 9421) are required");
        }
        Matcher in = INPUT.matcher(signatureInput.trim());
        if (!in.matches()) {
            throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                    "Signature-Input must be sig1=" + COMPONENT_LIST + ";created=<seconds>;keyid=\"<kid>\";"
                            + "alg=\"ed25519\";nonce=\"<nonce>\"");
        }
        if (!("(" + in.group("components") + ")").equals(COMPONENT_LIST)) {
            throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                    "the signature must cover " + COMPONENT_LIST);
        }
        Matcher sig = SIGNATURE.matcher(signature.trim());
        if (!sig.matches()) {
            throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE,
                    "Signature must be sig1=:<base64>:");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sig.group("sig"));
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(VerificationFailure.MALFORMED_ENVELOPE, "Signature is not base64");
        }
        String params = signatureInput.trim().substring(LABEL.length() + 1);
        return new Claim(in.group("kid"), Long.parseLong(in.group("created")), in.group("nonce"), params, bytes);
    }

    /** Verifies a parsed claim against the request as received and the signer's key. */
    public static boolean verify(Claim claim, Ed25519PublicKeyParameters key, String method, String path, String query,
            String contentDigest) {
        byte[] base = base(method, path, query, contentDigest, claim.params());
        return claim.signature().length == Ed25519.SIGNATURE_SIZE
                && key.verify(Ed25519.Algorithm.Ed25519, null, base, 0, base.length, claim.signature(), 0);
    }

    /** The signature base of RFC 9421 section 2.5 for pensim's components. */
    static byte[] base(String method, String path, String query, String contentDigest, String params) {
        String q = query == null || query.isEmpty() ? "?" : "?" + query;
        String base = "\"@method\": " + method.toUpperCase(java.util.Locale.ROOT) + "\n"
                + "\"@path\": " + path + "\n"
                + "\"@query\": " + q + "\n"
                + "\"content-digest\": " + contentDigest + "\n"
                + "\"@signature-params\": " + params;
        return base.getBytes(StandardCharsets.UTF_8);
    }
}

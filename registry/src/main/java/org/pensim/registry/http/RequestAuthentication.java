package org.pensim.registry.http;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.signing.HttpMessageSignatures;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.registry.authorities.AuthorityDirectory;

/**
 * Authenticates a request by its HTTP Message Signature (RFC 9421): the key must belong to an enrolled,
 * unrevoked, valid certificate; the signature must cover the method, path, query and Content-Digest of
 * the body; it must be fresh; and its nonce must be new to the whole cluster.
 */
public final class RequestAuthentication {

    private final AuthorityDirectory directory;
    private final CertificateChecker checker;
    private final IMap<String, HazelcastJsonValue> nonces;
    private final int skewSeconds;
    private final Clock clock;

    public RequestAuthentication(AuthorityDirectory directory, CertificateChecker checker,
            IMap<String, HazelcastJsonValue> nonces, int skewSeconds, Clock clock) {
        this.directory = directory;
        this.checker = checker;
        this.nonces = nonces;
        this.skewSeconds = skewSeconds;
        this.clock = clock;
    }

    /** @return the authenticated authority; throws an {@link ApiProblem} (401 or 403) otherwise */
    public AuthorityCertificate authenticate(String method, String path, String query, byte[] body,
            String signatureInput, String signature, String contentDigest) {
        HttpMessageSignatures.Claim claim;
        try {
            claim = HttpMessageSignatures.parse(signatureInput, signature);
        } catch (SignatureVerificationException e) {
            throw ApiProblem.unauthorized("unauthenticated", e.getMessage());
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - claim.created()) > skewSeconds) {
            throw ApiProblem.unauthorized("stale-signature", "the request signature was created at "
                    + Instant.ofEpochSecond(claim.created()) + ", more than " + skewSeconds
                    + " s from registry time " + Instant.ofEpochSecond(now));
        }
        String digest = HttpMessageSignatures.contentDigest(body);
        if (contentDigest == null || !contentDigest.equals(digest)) {
            throw ApiProblem.unauthorized("digest-mismatch", "the Content-Digest header does not match the body (expected "
                    + digest + ")");
        }
        com.fasterxml.jackson.databind.JsonNode record = directory.find(claim.keyId()).orElseThrow(() ->
                ApiProblem.unauthorized("unknown-key", "no authority is enrolled with key id " + claim.keyId()));
        AuthorityCertificate cert = directory.certificateOf(record);
        requireUsableNow(record, cert);
        if (!HttpMessageSignatures.verify(claim, cert.publicKey(), method, path, query, digest)) {
            throw ApiProblem.unauthorized("invalid-request-signature", "the request signature does not verify with the key of the "
                    + cert.describe());
        }
        if (!firstUse(claim.keyId() + ":" + claim.nonce(), now, requestToken())) {
            throw ApiProblem.unauthorized("replayed-request", "this request was already received (nonce " + claim.nonce()
                    + " reused)");
        }
        return cert;
    }

    /**
     * Records a nonce as seen unless it already was, and says whether this request is its first use. The value
     * names this request ({@code token}) because Hazelcast runs an operation again when the member that owned the
     * key left before answering (a member stopping or killed): the second run then finds the first run's value,
     * and must not take this very request for a replay of itself (a 401 seen during a member's graceful stop).
     */
    boolean firstUse(String key, long now, String token) {
        HazelcastJsonValue mine = new HazelcastJsonValue("{\"at\":" + now + ",\"request\":\"" + token + "\"}");
        HazelcastJsonValue first = nonces.putIfAbsent(key, mine, 2L * skewSeconds + 60, TimeUnit.SECONDS);
        return first == null || first.getValue().equals(mine.getValue());
    }

    /** Unique per request across the cluster with overwhelming odds; no secret, so no SecureRandom on the request path. */
    static String requestToken() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    /**
     * An authority that presented its certificate in the TLS handshake (mutual TLS): the handshake
     * proved the key and the chain to the CA; here the certificate must be enrolled, not revoked (the
     * directory answers for every member at once) and valid now. TLS itself refuses replays.
     */
    public AuthorityCertificate authenticate(java.security.cert.X509Certificate presented) {
        AuthorityCertificate cert;
        try {
            cert = AuthorityCertificate.of(presented);
        } catch (RuntimeException e) {
            throw ApiProblem.unauthorized("unauthenticated", "the client certificate is not an authority certificate: "
                    + e.getMessage());
        }
        com.fasterxml.jackson.databind.JsonNode record = directory.find(cert.thumbprint()).orElseThrow(() ->
                ApiProblem.unauthorized("unknown-key", "no authority is enrolled with the certificate of the " + cert.describe()
                        + " (kid " + cert.thumbprint() + ")"));
        requireUsableNow(record, cert);
        return cert;
    }

    /** Not revoked (the directory answers for every member at once) and valid now, chained to the CA. */
    private void requireUsableNow(com.fasterxml.jackson.databind.JsonNode record, AuthorityCertificate cert) {
        if (record.path("revoked").asBoolean()) {
            throw ApiProblem.forbidden("certificate of " + cert.describe() + " (serial "
                    + cert.certificate().getSerialNumber().toString(16) + ") has been revoked").with("reason", "CERTIFICATE_REVOKED");
        }
        try {
            checker.check(cert);
        } catch (SignatureVerificationException e) {
            throw ApiProblem.forbidden(e.getMessage()).with("reason", e.reason().name());
        }
    }
}

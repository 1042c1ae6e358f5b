package org.pensim.registry.authorities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.pensim.protocol.country.CountryCode;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.Crypto;
import org.pensim.protocol.pki.Pem;
import org.pensim.registry.http.ApiProblem;

/**
 * The enrolled authorities, shared by every member: enrolment turns a public key, a country and a role
 * into a certificate of the registry's CA; revocation is a map write, so every member refuses the
 * certificate from its next request on.
 */
public final class AuthorityDirectory {

    private final IMap<String, HazelcastJsonValue> authorities;
    private final IMap<String, HazelcastJsonValue> revocations;
    private final CertificateAuthority ca;
    private final Duration validity;
    private final Clock clock;

    public AuthorityDirectory(IMap<String, HazelcastJsonValue> authorities, IMap<String, HazelcastJsonValue> revocations,
            CertificateAuthority ca, Duration validity, Clock clock) {
        this.authorities = authorities;
        this.revocations = revocations;
        this.ca = ca;
        this.validity = validity;
        this.clock = clock;
    }

    /** Issues and records a certificate for a public key (base64 DER SubjectPublicKeyInfo, or PEM). */
    public AuthorityCertificate enrol(String country, String role, String publicKey) {
        AuthorityRole r = checkEnrolment(country, role);
        PublicKey key = parseKey(publicKey);
        AuthorityCertificate cert = ca.issue(key, country, r, validity);
        record(cert);
        return cert;
    }

    /** Checks what an enrolment names: an ISO country and a role; answers 400 with the field at fault. */
    static AuthorityRole checkEnrolment(String country, String role) {
        if (!CountryCode.isValid(country)) {
            throw ApiProblem.badRequest("invalid-enrolment", "/country: '" + country + "' is not an ISO 3166-1 alpha-2 country code");
        }
        try {
            return AuthorityRole.ofLabel(role == null ? "" : role);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalid-enrolment", "/role: " + e.getMessage());
        }
    }

    /** Records a certificate issued elsewhere by the same CA (the registry operator's own). */
    public void record(AuthorityCertificate cert) {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.put("kid", cert.thumbprint());
        n.put("country", cert.country());
        n.put("role", cert.role().name());
        n.put("serial", cert.certificate().getSerialNumber().toString(16));
        n.put("certificate", Pem.encode(cert.certificate()));
        n.put("enrolledAt", clock.instant().toString());
        n.put("revoked", false);
        authorities.set(cert.thumbprint(), new HazelcastJsonValue(n.toString()));
    }

    /** Every enrolled authority without its certificate, by country, role and enrolment. */
    public java.util.List<JsonNode> list() {
        return authorities.values().stream().map(v -> {
            ObjectNode n = (ObjectNode) parse(v.toString());
            n.remove("certificate");
            return (JsonNode) n;
        }).sorted(java.util.Comparator.comparing((JsonNode n) -> n.path("country").asText())
                .thenComparing(n -> n.path("role").asText()).thenComparing(n -> n.path("enrolledAt").asText())).toList();
    }

    public Optional<JsonNode> find(String kid) {
        HazelcastJsonValue v = authorities.get(kid);
        return Optional.ofNullable(v).map(x -> parse(x.toString()));
    }

    /** The certificate of an enrolled authority, if enrolled. */
    public Optional<AuthorityCertificate> certificate(String kid) {
        return find(kid).map(this::certificateOf);
    }

    private final java.util.Map<String, AuthorityCertificate> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    /** The certificate in a directory record; parsed once per member. */
    public AuthorityCertificate certificateOf(JsonNode record) {
        String kid = record.get("kid").asText();
        return parsed.computeIfAbsent(kid, k -> {
            try {
                return AuthorityCertificate.of(Pem.parseCertificate(record.get("certificate").asText(), k));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public boolean isRevoked(String kid) {
        return find(kid).map(n -> n.path("revoked").asBoolean()).orElse(false);
    }

    /** Whether a certificate serial number (hex) has been revoked: for revocation lists and audits. */
    public boolean isRevoked(BigInteger serial) {
        return revocations.containsKey(serial.toString(16));
    }

    /**
     * Refuses a signer that is not enrolled or whose certificate was revoked: one look-up of its record,
     * which every member reads from the partition owner, so a revocation counts from the next request.
     */
    public JsonNode requireUsable(AuthorityCertificate signer) {
        JsonNode record = find(signer.thumbprint()).orElseThrow(() -> ApiProblem.forbidden("the certificate of the "
                + signer.describe() + " (kid " + signer.thumbprint() + ") is not enrolled with this registry")
                .with("reason", "UNKNOWN_SIGNER"));
        if (record.path("revoked").asBoolean()) {
            throw ApiProblem.forbidden("certificate of " + signer.describe() + " (serial "
                    + signer.certificate().getSerialNumber().toString(16) + ") has been revoked")
                    .with("reason", "CERTIFICATE_REVOKED");
        }
        return record;
    }

    /** Revokes at once, for every member. */
    public JsonNode revoke(String kid, String reason) {
        JsonNode n = find(kid).orElseThrow(() -> ApiProblem.notFound("no authority is enrolled with kid " + kid));
        ObjectNode o = (ObjectNode) n;
        o.put("revoked", true);
        o.put("revokedAt", clock.instant().toString());
        o.put("revocationReason", reason == null ? "unspecified" : reason);
        revocations.set(o.get("serial").asText(), new HazelcastJsonValue(
                "{\"kid\":\"" + kid + "\",\"at\":\"" + clock.instant() + "\"}"));
        authorities.set(kid, new HazelcastJsonValue(o.toString()));
        return o;
    }

    private static PublicKey parseKey(String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.badRequest("invalid-enrolment", "/publicKey: a base64 SubjectPublicKeyInfo or PEM public key is required");
        }
        try {
            String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PublicKey key = KeyFactory.getInstance("Ed25519", Crypto.provider())
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
            return key;
        } catch (Exception e) {
            throw ApiProblem.badRequest("invalid-enrolment", "/publicKey: not an Ed25519 public key (base64 DER SubjectPublicKeyInfo)");
        }
    }

    private static JsonNode parse(String json) {
        try {
            return ProtocolJson.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.pensim.protocol.pki;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.protocol.signing.VerificationFailure;

/**
 * Checks an authority certificate against the registry's root CA: chain, validity period at the
 * clock's time, key usage and revocation. Thread-safe; the CA's signature on each certificate is
 * verified once and remembered.
 */
public final class CertificateChecker {

    private final X509Certificate ca;
    private final RevocationStatus revocation;
    private final Clock clock;
    private final Set<String> chainVerified = ConcurrentHashMap.newKeySet();

    public CertificateChecker(X509Certificate ca, RevocationStatus revocation, Clock clock) {
        this.ca = ca;
        this.revocation = revocation;
        this.clock = clock;
    }

    public X509Certificate ca() {
        return ca;
    }

    /** @throws SignatureVerificationException naming the first check that failed */
    public void check(AuthorityCertificate authority) {
        X509Certificate cert = authority.certificate();
        if (!chainVerified.contains(authority.thumbprint())) {
            if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
                throw new SignatureVerificationException(VerificationFailure.NOT_ISSUED_BY_TRUSTED_CA,
                        "certificate of " + authority.describe() + " is issued by " + cert.getIssuerX500Principal()
                                + ", not by the trusted CA " + ca.getSubjectX500Principal());
            }
            try {
                cert.verify(ca.getPublicKey(), Crypto.provider());
            } catch (GeneralSecurityException e) {
                throw new SignatureVerificationException(VerificationFailure.NOT_ISSUED_BY_TRUSTED_CA,
                        "certificate of " + authority.describe() + " does not carry the trusted CA's signature");
            }
            chainVerified.add(authority.thumbprint());
        }
        Instant now = clock.instant();
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw new SignatureVerificationException(VerificationFailure.CERTIFICATE_NOT_YET_VALID,
                    "certificate of " + authority.describe() + " is valid only from " + cert.getNotBefore().toInstant());
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            throw new SignatureVerificationException(VerificationFailure.CERTIFICATE_EXPIRED,
                    "certificate of " + authority.describe() + " expired at " + cert.getNotAfter().toInstant());
        }
        boolean[] usage = cert.getKeyUsage();
        if (usage == null || !usage[0]) {
            throw new SignatureVerificationException(VerificationFailure.KEY_USAGE_FORBIDS_SIGNING,
                    "certificate of " + authority.describe() + " does not allow digital signatures");
        }
        if (revocation.isRevoked(cert.getSerialNumber())) {
            throw new SignatureVerificationException(VerificationFailure.CERTIFICATE_REVOKED,
                    "certificate of " + authority.describe() + " (serial " + cert.getSerialNumber().toString(16)
                            + ") has been revoked");
        }
    }
}

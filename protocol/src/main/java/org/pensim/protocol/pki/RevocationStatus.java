package org.pensim.protocol.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

/** Answers whether a certificate serial number has been revoked. */
@FunctionalInterface
public interface RevocationStatus {

    RevocationStatus NONE = serial -> false;

    boolean isRevoked(BigInteger serial);

    /** Revocation according to a CRL, whose signature by the CA is checked once here. */
    static RevocationStatus fromCrl(X509CRL crl, X509Certificate ca) {
        try {
            crl.verify(ca.getPublicKey(), Crypto.provider());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the revocation list is not signed by the CA: " + e.getMessage());
        }
        return serial -> crl.getRevokedCertificate(serial) != null;
    }
}

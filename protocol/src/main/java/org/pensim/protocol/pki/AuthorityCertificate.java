package org.pensim.protocol.pki;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * An authority's X.509 certificate with what pensim reads from it: the country (subject C), the role
 * (subject OU), the Ed25519 public key and the SHA-256 thumbprint that serves as the signature's kid.
 */
public record AuthorityCertificate(
        X509Certificate certificate,
        String country,
        AuthorityRole role,
        String thumbprint,
        Ed25519PublicKeyParameters publicKey) {

    public static AuthorityCertificate of(X509Certificate certificate) {
        String country = null;
        AuthorityRole role = null;
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("C")) {
                    country = rdn.getValue().toString();
                } else if (rdn.getType().equalsIgnoreCase("OU")) {
                    role = AuthorityRole.ofLabel(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException | IllegalArgumentException e) {
            throw new IllegalArgumentException("certificate subject is not a pensim authority: " + e.getMessage());
        }
        if (country == null || role == null) {
            throw new IllegalArgumentException("certificate subject " + certificate.getSubjectX500Principal()
                    + " names no country (C) or role (OU)");
        }
        try {
            byte[] der = certificate.getEncoded();
            Ed25519PublicKeyParameters key = (Ed25519PublicKeyParameters) PublicKeyFactory.createKey(
                    SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()));
            return new AuthorityCertificate(certificate, country, role, thumbprint(der), key);
        } catch (CertificateEncodingException | IOException | ClassCastException e) {
            throw new IllegalArgumentException("certificate of " + country + " " + role.label()
                    + " authority does not hold an Ed25519 key");
        }
    }

    /** Parses a certificate carried as base64 DER (the JWS {@code x5c} form). */
    public static AuthorityCertificate fromX5c(String base64Der) {
        try {
            X509Certificate c = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(base64Der)));
            return of(c);
        } catch (java.security.cert.CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("x5c does not hold a base64 DER-encoded X.509 certificate");
        }
    }

    /** base64url(SHA-256(DER)), as in JWS {@code x5t#S256}. */
    public static String thumbprint(byte[] der) {
        return Crypto.base64Url(Crypto.sha256(der));
    }

    public String x5c() {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For messages: "DE exporting authority". */
    public String describe() {
        return country + " " + role.label() + " authority";
    }
}

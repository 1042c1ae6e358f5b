package org.pensim.protocol.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The registry's root certificate authority: issues Ed25519 certificates that name an authority's
 * country and role, and signs revocation lists.
 */
public final class CertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final Clock clock;

    private CertificateAuthority(KeyPair keyPair, X509Certificate certificate, Clock clock) {
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.clock = clock;
    }

    /** A new root CA, valid from now for {@code validity}. */
    public static CertificateAuthority create(String name, Clock clock, Duration validity) {
        KeyPair keys = Crypto.newEd25519KeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "pensim").addRDN(BCStyle.CN, name).build();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys, sign(builder, keys.getPrivate()), clock);
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads {@code ca.pem} and {@code ca.key} from a directory written by {@link #save}. */
    public static CertificateAuthority load(Path dir, Clock clock) throws IOException {
        X509Certificate cert = Pem.readCertificate(dir.resolve("ca.pem"));
        PrivateKey key = Pem.readPrivateKey(dir.resolve("ca.key"));
        return new CertificateAuthority(new KeyPair(cert.getPublicKey(), key), cert, clock);
    }

    /** Writes {@code ca.pem} (certificate) and {@code ca.key} (PKCS#8 private key, owner-only). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Pem.write(dir.resolve("ca.pem"), certificate);
        Path key = dir.resolve("ca.key");
        Pem.write(key, keyPair.getPrivate());
        restrictToOwner(key);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Issues a certificate for an authority's public key, valid from now for {@code validity}. */
    public AuthorityCertificate issue(PublicKey subjectKey, String country, AuthorityRole role, Duration validity) {
        Instant now = clock.instant();
        return issue(subjectKey, country, role, now.minus(Duration.ofMinutes(5)), now.plus(validity));
    }

    /** Issues a certificate with an explicit validity period. */
    public AuthorityCertificate issue(PublicKey subjectKey, String country, AuthorityRole role,
            Instant notBefore, Instant notAfter) {
        if (!org.pensim.protocol.country.CountryCode.isValid(country)) {
            throw new IllegalArgumentException("'" + country + "' is not an ISO 3166-1 alpha-2 country code");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, country)
                .addRDN(BCStyle.O, "pensim competent authorities")
                .addRDN(BCStyle.OU, role.label())
                .addRDN(BCStyle.CN, country + " " + role.label() + " authority")
                .build();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            return AuthorityCertificate.of(sign(builder, keyPair.getPrivate()));
        } catch (CertIOException | java.security.NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A TLS server certificate for a registry member: the names and addresses clients connect to, for
     * server authentication only. Members present it when the API runs over mutual TLS.
     */
    public X509Certificate issueServer(PublicKey subjectKey, java.util.List<String> hosts, Duration validity) {
        Instant now = clock.instant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "pensim registry")
                .addRDN(BCStyle.CN, hosts.get(0)).build();
        org.bouncycastle.asn1.x509.GeneralName[] names = hosts.stream().map(h -> h.matches("[0-9.]+|.*:.*")
                ? new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.iPAddress, h)
                : new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.dNSName, h))
                .toArray(org.bouncycastle.asn1.x509.GeneralName[]::new);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
                            org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new org.bouncycastle.asn1.x509.GeneralNames(names))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            return sign(builder, keyPair.getPrivate());
        } catch (CertIOException | java.security.NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Convenience for enrolment and tests: a new key pair and its certificate. */
    public AuthorityCredentials enrol(String country, AuthorityRole role, Duration validity) {
        KeyPair keys = Crypto.newEd25519KeyPair();
        return AuthorityCredentials.of(keys.getPrivate(), issue(keys.getPublic(), country, role, validity));
    }

    /** A revocation list naming the given serial numbers (revoked now), numbered 1, valid for {@code nextUpdate}. */
    public X509CRL revocationList(Collection<BigInteger> revokedSerials, Duration nextUpdate) {
        return revocationList(RevocationRegister.of(List.copyOf(revokedSerials), clock.instant()), BigInteger.ONE, nextUpdate);
    }

    /**
     * A complete revocation list: every entry with its own revocation date, the CRL Number and the Authority
     * Key Identifier that RFC 5280 (5.2.1, 5.2.3) requires of a conforming CA.
     */
    public X509CRL revocationList(List<RevocationRegister.Entry> entries, BigInteger crlNumber, Duration nextUpdate) {
        Instant now = clock.instant();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(nextUpdate)));
        for (RevocationRegister.Entry e : entries) {
            builder.addCRLEntry(e.serial(), Date.from(e.revokedAt()), CRLReason.keyCompromise);
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(crlNumber));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
        } catch (CertIOException | java.security.NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        try {
            ContentSigner signer = new JcaContentSignerBuilder("Ed25519").setProvider(Crypto.provider())
                    .build(keyPair.getPrivate());
            X509CRLHolder holder = builder.build(signer);
            return new JcaX509CRLConverter().setProvider(Crypto.provider()).getCRL(holder);
        } catch (OperatorCreationException | CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("Ed25519").setProvider(Crypto.provider()).build(key);
            return new JcaX509CertificateConverter().setProvider(Crypto.provider())
                    .getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the key keeps the directory's permissions.
        }
    }
}

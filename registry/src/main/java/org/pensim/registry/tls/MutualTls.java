package org.pensim.registry.tls;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key material for the API over mutual TLS: Ed25519 keys and certificates of the pensim CA, in the
 * JDK's own TLS stack (TLS 1.3 signs with Ed25519). Keys made by BouncyCastle are re-read by the JDK's
 * key factory so that the JDK signs the handshake itself.
 */
public final class MutualTls {

    private static final char[] IN_MEMORY = "pensim".toCharArray();

    private MutualTls() {
    }

    /** An authority's identity: its key and certificate, as a TLS client presents them. */
    public static KeyCertOptions identity(org.pensim.protocol.pki.AuthorityCredentials credentials, X509Certificate ca) {
        try {
            byte[] pkcs8 = org.bouncycastle.crypto.util.PrivateKeyInfoFactory.createPrivateKeyInfo(credentials.privateKey())
                    .getEncoded();
            return identity(pkcs8, credentials.certificate().certificate(), ca);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode the authority's key: " + e.getMessage(), e);
        }
    }

    /** The identity to present: a private key (PKCS#8) and its certificate (then the CA's). */
    public static KeyCertOptions identity(byte[] pkcs8, X509Certificate certificate, X509Certificate ca) {
        try {
            PrivateKey jdkKey = KeyFactory.getInstance("Ed25519", "SunEC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", jdkKey, IN_MEMORY, new Certificate[] {jdk(certificate), jdk(ca)});
            // PKIX, not the default SunX509: the latter chooses no alias for an Ed25519 key.
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(store, IN_MEMORY);
            return KeyCertOptions.wrap(factory);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the TLS identity: " + e.getMessage(), e);
        }
    }

    /**
     * The certificate as the JDK parses it. BouncyCastle's certificate objects name the key algorithm
     * "Ed25519" where the JDK's TLS key manager looks for "EdDSA", and would select no certificate.
     */
    static X509Certificate jdk(X509Certificate certificate) throws GeneralSecurityException {
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509", "SUN")
                .generateCertificate(new java.io.ByteArrayInputStream(certificate.getEncoded()));
    }

    /** Trusts certificates issued by the pensim CA, and nothing else. */
    public static TrustOptions trusting(X509Certificate ca) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("pensim-ca", jdk(ca));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return TrustOptions.wrap(factory);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the TLS trust store: " + e.getMessage(), e);
        }
    }
}

package org.pensim.protocol.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/** What an authority signs with: its private key and the certificate that names it. */
public record AuthorityCredentials(Ed25519PrivateKeyParameters privateKey, AuthorityCertificate certificate) {

    public AuthorityCredentials {
        Ed25519PublicKeyParameters derived = privateKey.generatePublicKey();
        if (!java.util.Arrays.equals(derived.getEncoded(), certificate.publicKey().getEncoded())) {
            throw new IllegalArgumentException("the private key does not belong to the certificate of "
                    + certificate.describe());
        }
    }

    public static AuthorityCredentials of(PrivateKey key, AuthorityCertificate certificate) {
        try {
            return new AuthorityCredentials((Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(key.getEncoded()),
                    certificate);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage());
        }
    }

    /** Reads {@code key.pem} and {@code cert.pem} as written by {@code pensim keys new}. */
    public static AuthorityCredentials read(Path keyFile, Path certFile) throws IOException {
        return of(Pem.readPrivateKey(keyFile), AuthorityCertificate.of(Pem.readCertificate(certFile)));
    }
}

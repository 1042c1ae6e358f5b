package org.pensim.protocol.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Reads and writes keys (PKCS#8), certificates (X.509) and revocation lists as PEM that openssl reads. */
public final class Pem {

    private Pem() {
    }

    public static String encode(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PrivateKey key) {
                // PKCS#8 v1 (RFC 5208): the private key alone. BouncyCastle encodes Ed25519 keys as v2
                // (OneAsymmetricKey, RFC 5958, with the public key), which OpenSSL 3.0, Node and Python's
                // cryptography refuse; parsePrivateKey reads both.
                PrivateKeyInfo full = PrivateKeyInfo.getInstance(key.getEncoded());
                PrivateKeyInfo v1 = new PrivateKeyInfo(full.getPrivateKeyAlgorithm(), full.parsePrivateKey());
                writer.writeObject(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", v1.getEncoded()));
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(Path file, Object object) throws IOException {
        Files.writeString(file, encode(object), StandardCharsets.UTF_8);
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        return parseCertificate(readFile(file, "certificate"), file.toString());
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return parsePrivateKey(readFile(file, "private key"), file.toString());
    }

    public static X509CRL readCrl(Path file) throws IOException {
        Object o = parse(readFile(file, "revocation list"), file.toString());
        if (!(o instanceof X509CRLHolder holder)) {
            throw new IOException(file + " holds no X.509 revocation list");
        }
        try {
            return new JcaX509CRLConverter().setProvider(Crypto.provider()).getCRL(holder);
        } catch (CRLException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static X509Certificate parseCertificate(String pem, String source) throws IOException {
        Object o = parse(pem, source);
        if (!(o instanceof X509CertificateHolder holder)) {
            throw new IOException(source + " holds no X.509 certificate");
        }
        try {
            return new JcaX509CertificateConverter().setProvider(Crypto.provider()).getCertificate(holder);
        } catch (CertificateException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    public static PrivateKey parsePrivateKey(String pem, String source) throws IOException {
        Object o = parse(pem, source);
        if (!(o instanceof PrivateKeyInfo info)) {
            throw new IOException(source + " holds no PKCS#8 private key");
        }
        return new JcaPEMKeyConverter().setProvider(Crypto.provider()).getPrivateKey(info);
    }

    private static Object parse(String pem, String source) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (o == null) {
                throw new IOException(source + " holds no PEM block");
            }
            return o;
        }
    }

    private static String readFile(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(what + " file " + file + " does not exist");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}

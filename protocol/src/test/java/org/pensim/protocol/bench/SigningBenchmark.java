package org.pensim.protocol.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pensim.protocol.canonical.JsonCanonicalizer;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.RevocationStatus;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.testing.Examples;

/**
 * Canonicalise, sign and verify the example notification, next to raw Ed25519 over the same number of
 * bytes, in one run: the difference is what canonicalisation and JSON handling cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {

    private ObjectNode document;
    private DocumentSigner signer;
    private SignatureVerifier verifier;
    private SignedDocument signed;
    private byte[] canonical;
    private byte[] secretKey;
    private byte[] publicKey;
    private byte[] rawSignature;
    private final JsonCanonicalizer jcs = JsonCanonicalizer.signable();

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        CertificateAuthority ca = CertificateAuthority.create("bench root", clock, Duration.ofDays(30));
        AuthorityCredentials exporter = ca.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(30));
        document = Examples.notification();
        signer = new DocumentSigner(exporter);
        verifier = new SignatureVerifier(new CertificateChecker(ca.certificate(), RevocationStatus.NONE, clock));
        signed = signer.sign(DocumentType.NOTIFICATION, document);
        canonical = jcs.canonicalize(document);
        secretKey = exporter.privateKey().getEncoded();
        publicKey = exporter.certificate().publicKey().getEncoded();
        rawSignature = new byte[Ed25519.SIGNATURE_SIZE];
        // The raw baseline signs the same number of bytes as the JWS signing input.
        String input = signed.protectedHeader() + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(canonical);
        canonical = input.getBytes(StandardCharsets.US_ASCII);
        Ed25519.sign(secretKey, 0, publicKey, 0, canonical, 0, canonical.length, rawSignature, 0);
    }

    @Benchmark
    public byte[] canonicalize() {
        return jcs.canonicalize(document);
    }

    @Benchmark
    public byte[] rawEd25519Sign() {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(secretKey, 0, publicKey, 0, canonical, 0, canonical.length, sig, 0);
        return sig;
    }

    @Benchmark
    public boolean rawEd25519Verify() {
        return Ed25519.verify(rawSignature, 0, publicKey, 0, canonical, 0, canonical.length);
    }

    @Benchmark
    public SignedDocument canonicalizeAndSign() {
        return signer.sign(DocumentType.NOTIFICATION, document);
    }

    @Benchmark
    public Object canonicalizeAndVerify() {
        return verifier.verify(signed, DocumentType.NOTIFICATION);
    }
}

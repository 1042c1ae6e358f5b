package org.pensim.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.protocol.canonical.JsonCanonicalizer;
import org.pensim.protocol.testing.Examples;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.Crypto;
import org.pensim.protocol.pki.Pem;
import org.pensim.protocol.pki.RevocationStatus;

/**
 * pensim and OpenSSL read each other's work (issue 19, interoperability): OpenSSL verifies a pensim
 * signature over the JWS signing input, pensim verifies a signature OpenSSL made with a pensim key, and
 * OpenSSL checks the CA's certificates and revocation lists. .ci/run installs openssl where it is missing.
 */
class OpenSslInteropTest {

    private final Clock clock = Clock.systemUTC();
    private final CertificateAuthority ca = CertificateAuthority.create("pensim interop root", clock, Duration.ofDays(30));

    private static String openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        return status + ":" + out;
    }

    private record Authority(java.security.KeyPair keys, AuthorityCredentials credentials) {
    }

    private Authority german() {
        var keys = Crypto.newEd25519KeyPair();
        AuthorityCertificate cert = ca.issue(keys.getPublic(), "DE", AuthorityRole.EXPORTING, Duration.ofDays(10));
        return new Authority(keys, AuthorityCredentials.of(keys.getPrivate(), cert));
    }

    private static byte[] signingInput(SignedDocument s) {
        return DocumentSigner.SigningInput.of(s.protectedHeader(), JsonCanonicalizer.signable().canonicalize(s.document()));
    }

    @Test
    void openssl_verifies_a_pensim_signature(@TempDir Path dir) throws Exception {
        Authority de = german();
        SignedDocument signed = new DocumentSigner(de.credentials()).sign(DocumentType.NOTIFICATION, Examples.notification());
        Files.write(dir.resolve("input.bin"), signingInput(signed));
        Files.write(dir.resolve("sig.bin"), Crypto.fromBase64Url(signed.signature()));
        Pem.write(dir.resolve("cert.pem"), de.credentials().certificate().certificate());
        assertThat(openssl(dir, "x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "pub.pem")).startsWith("0:");
        assertThat(openssl(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "input.bin",
                "-sigfile", "sig.bin")).startsWith("0:").contains("Signature Verified Successfully");
        Files.write(dir.resolve("input.bin"), (new String(signingInput(signed), StandardCharsets.US_ASCII) + "x")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(openssl(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "input.bin",
                "-sigfile", "sig.bin")).doesNotContain("Signature Verified Successfully");
    }

    @Test
    void pensim_verifies_a_signature_openssl_made_with_a_pensim_key(@TempDir Path dir) throws Exception {
        Authority de = german();
        SignedDocument template = new DocumentSigner(de.credentials()).sign(DocumentType.NOTIFICATION, Examples.notification());
        Files.write(dir.resolve("input.bin"), signingInput(template));
        Pem.write(dir.resolve("key.pem"), de.keys().getPrivate());
        assertThat(openssl(dir, "pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-in", "input.bin", "-out", "sig.bin"))
                .startsWith("0:");
        SignedDocument byOpenSsl = new SignedDocument(template.protectedHeader(), template.document(),
                Crypto.base64Url(Files.readAllBytes(dir.resolve("sig.bin"))));
        SignatureVerifier verifier = new SignatureVerifier(new CertificateChecker(ca.certificate(), RevocationStatus.NONE, clock));
        assertThat(verifier.verify(byOpenSsl, DocumentType.NOTIFICATION).signer().country()).isEqualTo("DE");
        // Ed25519 is deterministic: OpenSSL's signature is pensim's, byte for byte.
        assertThat(byOpenSsl.signature()).isEqualTo(template.signature());
        SignedDocument altered = new SignedDocument(template.protectedHeader(),
                Examples.notification().put("id", "DE-OTHER-1"), byOpenSsl.signature());
        assertThatThrownBy(() -> verifier.verify(altered, DocumentType.NOTIFICATION)).isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void openssl_checks_the_ca_certificates_and_the_revocation_list(@TempDir Path dir) throws Exception {
        Authority de = german();
        Pem.write(dir.resolve("ca.pem"), ca.certificate());
        Pem.write(dir.resolve("cert.pem"), de.credentials().certificate().certificate());
        assertThat(openssl(dir, "verify", "-CAfile", "ca.pem", "cert.pem")).startsWith("0:").contains("cert.pem: OK");
        Pem.write(dir.resolve("empty.pem"), ca.revocationList(List.of(), Duration.ofDays(1)));
        assertThat(openssl(dir, "verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "empty.pem", "cert.pem"))
                .contains("cert.pem: OK");
        Pem.write(dir.resolve("crl.pem"), ca.revocationList(List.of(de.credentials().certificate().certificate()
                .getSerialNumber()), Duration.ofDays(1)));
        assertThat(openssl(dir, "verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem", "cert.pem"))
                .doesNotStartWith("0:").contains("certificate revoked");
        assertThat(openssl(dir, "crl", "-in", "crl.pem", "-noout", "-text")).contains("X509v3 CRL Number",
                "X509v3 Authority Key Identifier");
    }
}

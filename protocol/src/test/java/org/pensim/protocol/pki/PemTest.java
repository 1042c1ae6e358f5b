package org.pensim.protocol.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys as other tools read them (issue 19, defect 3): PKCS#8 v1 written, v1 and v2 read. */
class PemTest {

    @Test
    void private_keys_are_written_as_pkcs8_version_1_and_openssl_reads_them(@TempDir Path tmp) throws Exception {
        var keys = Crypto.newEd25519KeyPair();
        Path file = tmp.resolve("key.pem");
        Pem.write(file, keys.getPrivate());
        String pem = Files.readString(file);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(java.util.Base64.getMimeDecoder().decode(
                pem.replaceAll("-----[A-Z ]+-----", "")));
        assertThat(info.getVersion().intValueExact()).isZero();
        assertThat(info.hasPublicKey()).isFalse();
        assertThat(Pem.readPrivateKey(file).getEncoded()).isNotNull();
        assertThat(Arrays.equals(PrivateKeyInfo.getInstance(Pem.readPrivateKey(file).getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded(), info.parsePrivateKey().toASN1Primitive().getEncoded())).isTrue();

        // OpenSSL 3.0 refused the version 2 form; .ci/run installs openssl where it is missing.
        Process p = new ProcessBuilder("openssl", "pkey", "-in", file.toString(), "-noout", "-text").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("ED25519 Private-Key");
    }

    @Test
    void version_2_keys_written_before_are_still_read(@TempDir Path tmp) throws Exception {
        var keys = Crypto.newEd25519KeyPair();
        PrivateKeyInfo v2 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        assertThat(v2.hasPublicKey()).as("BouncyCastle's own encoding is the v2 form").isTrue();
        Path file = tmp.resolve("old.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                v2.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        assertThat(Pem.readPrivateKey(file).getAlgorithm()).isIn("Ed25519", "EdDSA");
    }
}

package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate, signing and catalogue commands, run in-process against real files. */
class ProtocolCommandsTest {

    @TempDir
    static Path dir;
    static Path example;

    @BeforeAll
    static void enrol() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("docs/examples"))) {
            root = root.getParent();
        }
        example = root.resolve("docs/examples/notification.json");
        assertThat(CliRun.of("ca", "init", "--out", dir.resolve("ca").toString()).exitCode()).isZero();
        assertThat(CliRun.of("keys", "new", "--ca", dir.resolve("ca").toString(), "--country", "DE", "--role",
                "exporting", "--out", dir.resolve("de").toString()).exitCode()).isZero();
        assertThat(CliRun.of("keys", "new", "--ca", dir.resolve("ca").toString(), "--country", "IN", "--role",
                "importing", "--out", dir.resolve("in").toString()).exitCode()).isZero();
    }

    private static CliRun sign(String keyDir, Path in, Path out) {
        return CliRun.of("notification", "sign", "--key", dir.resolve(keyDir + "/key.pem").toString(),
                "--cert", dir.resolve(keyDir + "/cert.pem").toString(), "--out", out.toString(), in.toString());
    }

    private static CliRun verify(Path file) {
        return CliRun.of("notification", "verify", "--ca", dir.resolve("ca/ca.pem").toString(), file.toString());
    }

    @Test
    void ca_and_keys_are_pem_files_that_standard_tools_read() throws IOException {
        assertThat(Files.readString(dir.resolve("ca/ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(dir.resolve("ca/ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("de/key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("de/cert.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("de/key.pem")))).isEqualTo("rw-------");
        CliRun again = CliRun.of("ca", "init", "--out", dir.resolve("ca").toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("pensim init: " + dir.resolve("ca") + " already holds a CA; use --force to replace it\n");
    }

    @Test
    void a_signed_notification_verifies_and_fails_after_any_single_character_changes() throws IOException {
        Path signed = dir.resolve("signed.json");
        CliRun s = sign("de", example, signed);
        assertThat(s.exitCode()).as(s.err()).isZero();
        CliRun ok = verify(signed);
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("valid: DE-2026-000117 signed by the DE exporting authority (kid ");

        String text = Files.readString(signed, StandardCharsets.UTF_8);
        Path mutated = dir.resolve("mutated.json");
        int checked = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char replacement = c == 'x' ? 'y' : 'x';
            Files.writeString(mutated, text.substring(0, i) + replacement + text.substring(i + 1), StandardCharsets.UTF_8);
            CliRun r = verify(mutated);
            assertThat(r.exitCode()).as("character %d ('%s') changed to '%s'", i, c, replacement).isEqualTo(1);
            assertThat(r.err()).as("one line").hasLineCount(1).doesNotContain("Exception");
            checked++;
        }
        assertThat(checked).isEqualTo(text.length()).isGreaterThan(2000);
    }

    @Test
    void verification_failures_name_the_reason() throws IOException {
        Path signed = dir.resolve("signed-2.json");
        assertThat(sign("de", example, signed).exitCode()).isZero();
        Path otherCa = dir.resolve("other-ca");
        assertThat(CliRun.of("ca", "init", "--out", otherCa.toString()).exitCode()).isZero();
        CliRun wrongCa = CliRun.of("notification", "verify", "--ca", otherCa.resolve("ca.pem").toString(), signed.toString());
        assertThat(wrongCa.exitCode()).isEqualTo(1);
        assertThat(wrongCa.err()).startsWith("pensim verify: invalid: NOT_ISSUED_BY_TRUSTED_CA: ");

        CliRun late = CliRun.of("notification", "verify", "--ca", dir.resolve("ca/ca.pem").toString(),
                "--at", "2099-01-01T00:00:00Z", signed.toString());
        assertThat(late.err()).startsWith("pensim verify: invalid: CERTIFICATE_EXPIRED: certificate of DE exporting authority expired at ");

        Path crl = dir.resolve("crl.pem");
        assertThat(CliRun.of("ca", "revoke", "--ca", dir.resolve("ca").toString(), "--cert",
                dir.resolve("de/cert.pem").toString(), "--out", crl.toString()).exitCode()).isZero();
        CliRun revoked = CliRun.of("notification", "verify", "--ca", dir.resolve("ca/ca.pem").toString(),
                "--crl", crl.toString(), signed.toString());
        assertThat(revoked.err()).startsWith("pensim verify: invalid: CERTIFICATE_REVOKED: ");
    }

    /** Issue 19, defect 2: a later revocation must not undo an earlier one; every CRL numbered and with its AKI. */
    @Test
    void each_revocation_list_is_complete_and_numbered() throws Exception {
        Path own = dir.resolve("crl-case");
        String ca = own.resolve("ca").toString();
        assertThat(CliRun.of("ca", "init", "--out", ca).exitCode()).isZero();
        for (String[] k : new String[][] {{"DE", "exporting", "de"}, {"IN", "importing", "in"}}) {
            assertThat(CliRun.of("keys", "new", "--ca", ca, "--country", k[0], "--role", k[1], "--out",
                    own.resolve(k[2]).toString()).exitCode()).isZero();
        }
        Path signed = own.resolve("signed.json");
        assertThat(CliRun.of("notification", "sign", "--key", own.resolve("de/key.pem").toString(), "--cert",
                own.resolve("de/cert.pem").toString(), "--out", signed.toString(), example.toString()).exitCode()).isZero();
        Path crl = own.resolve("crl.pem");
        CliRun first = CliRun.of("ca", "revoke", "--ca", ca, "--cert", own.resolve("de/cert.pem").toString(), "--out", crl.toString());
        assertThat(first.out()).contains("(CRL number 1)", "1 certificate(s) revoked in all, 1 new");
        CliRun second = CliRun.of("ca", "revoke", "--ca", ca, "--cert", own.resolve("in/cert.pem").toString(), "--out", crl.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("(CRL number 2)", "2 certificate(s) revoked in all, 1 new");
        CliRun verified = CliRun.of("notification", "verify", "--ca", own.resolve("ca/ca.pem").toString(), "--crl", crl.toString(),
                signed.toString());
        assertThat(verified.err()).startsWith("pensim verify: invalid: CERTIFICATE_REVOKED: ");
        java.security.cert.X509CRL x = (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(Files.newInputStream(crl));
        assertThat(x.getRevokedCertificates()).hasSize(2);
        assertThat(org.bouncycastle.asn1.x509.CRLNumber.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(
                x.getExtensionValue("2.5.29.20")).getOctets()).getCRLNumber()).isEqualTo(2);
        assertThat(x.getExtensionValue("2.5.29.35")).as("authority key identifier").isNotNull();
        assertThat(CliRun.of("ca", "revoke", "--ca", ca, "--out", crl.toString()).out()).contains("(CRL number 3)",
                "2 certificate(s) revoked in all, 0 new");
    }

    @Test
    void only_the_exporting_authority_of_the_exporting_country_may_sign() {
        CliRun r = sign("in", example, dir.resolve("by-importer.json"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("pensim sign: not signed: a notification from DE must be signed by the DE "
                + "exporting authority, and " + dir.resolve("in/cert.pem") + " is the IN importing authority\n");
        assertThat(dir.resolve("by-importer.json")).doesNotExist();
    }

    @Test
    void an_invalid_notification_is_not_signed_and_every_problem_is_listed() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(example).replace("108-24-7", "x").replace("\"90-82-4\"", "\"90-82-5\"")
                .replace("\"IN\",\n  \"issuedAt\"", "\"QQ\",\n  \"issuedAt\""));
        CliRun r = sign("de", bad, dir.resolve("bad.signed.json"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1)
                .contains("/items/0/cas: 90-82-5 fails the CAS check digit (expected 4 as the last digit)")
                .contains("/importingCountry: QQ is not an ISO 3166-1 alpha-2 country code");
        CliRun v = CliRun.of("notification", "validate", bad.toString());
        assertThat(v.exitCode()).isEqualTo(1);
        assertThat(v.err()).contains("  /items/0/cas: 90-82-5 fails the CAS check digit");
        assertThat(CliRun.of("notification", "validate", example.toString()).out()).startsWith("valid: ");
    }

    @Test
    void bad_input_is_one_readable_line_and_a_non_zero_exit() throws IOException {
        CliRun missing = verify(dir.resolve("nope.json"));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("pensim verify: " + dir.resolve("nope.json") + " does not exist\n");

        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "{\"protected\": ");
        CliRun broken = verify(notJson);
        assertThat(broken.err()).startsWith("pensim verify: " + notJson + " is not valid JSON: ").hasLineCount(1);

        CliRun badRole = CliRun.of("keys", "new", "--ca", dir.resolve("ca").toString(), "--country", "DE", "--role",
                "customs", "--out", dir.resolve("x").toString());
        assertThat(badRole.err()).isEqualTo("pensim new: unknown role 'customs' (expected exporting, importing or operator)\n");
        CliRun badCountry = CliRun.of("keys", "new", "--ca", dir.resolve("ca").toString(), "--country", "XX", "--role",
                "exporting", "--out", dir.resolve("x").toString());
        assertThat(badCountry.err()).isEqualTo("pensim new: 'XX' is not an ISO 3166-1 alpha-2 country code\n");
        CliRun noCaKey = CliRun.of("keys", "new", "--ca", dir.resolve("nowhere").toString(), "--country", "DE",
                "--role", "exporting", "--out", dir.resolve("x").toString());
        assertThat(noCaKey.exitCode()).isEqualTo(1);
        assertThat(noCaKey.err()).contains("does not exist").hasLineCount(1);
        CliRun usage = CliRun.of("notification", "verify", example.toString());
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required option: '--ca=CA_PEM'").hasLineCount(1);
    }

    @Test
    void catalogue_find_matches_names_synonyms_and_suggests() {
        CliRun r = CliRun.of("catalogue", "find", "ethanoic", "ANHYDRIDE");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("acetic-anhydride").contains("108-24-7").contains("TABLE_I");
        CliRun bmk = CliRun.of("catalogue", "find", "BMK");
        assertThat(bmk.out()).startsWith("p-2-p").contains("[ALR]");
        CliRun miss = CliRun.of("catalogue", "find", "pseudoefedrin");
        assertThat(miss.exitCode()).isEqualTo(1);
        assertThat(miss.err()).startsWith("no substance is called 'pseudoefedrin'");
        assertThat(miss.out()).startsWith("pseudoephedrine");
    }

    @Test
    void help_lists_every_command() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("demo", "ca", "keys", "notification", "catalogue");
    }

    @Test
    void the_demonstration_runs_end_to_end() {
        CliRun demo = CliRun.of("demo", "--count", "200", "--out", dir.resolve("demo").toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("rejected with SIGNATURE_INVALID", "rejected with WRONG_COUNTRY",
                "rejected with CERTIFICATE_REVOKED", "DELIVERED -> OBJECTION", "demonstration complete");
        assertThat(dir.resolve("demo/notification.signed.json")).exists();
    }
}

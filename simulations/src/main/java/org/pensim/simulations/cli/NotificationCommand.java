package org.pensim.simulations.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.pensim.protocol.canonical.CanonicalizationException;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.Pem;
import org.pensim.protocol.pki.RevocationStatus;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.signing.VerifiedDocument;
import org.pensim.protocol.validation.DocumentValidator;
import org.pensim.protocol.validation.Problem;
import org.pensim.simulations.cli.PensimCommand.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Validate, sign and verify notification documents. */
@Command(name = "notification", mixinStandardHelpOptions = true,
        description = "Validate, sign and verify pre-export notifications.",
        subcommands = {NotificationCommand.Validate.class, NotificationCommand.Sign.class, NotificationCommand.Verify.class})
final class NotificationCommand {

    static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliFailure(file + " does not exist");
        }
        try {
            return ProtocolJson.parse(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new CliFailure(file + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    static String summarize(List<Problem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + String.join("; ", problems.stream().map(Problem::toString).toList());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a notification document against the schema and the catalogue; lists every problem.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Notification JSON document.")
        Path file;

        @Override
        public Integer call() throws IOException {
            List<Problem> problems = DocumentValidator.standard().checkNotification(readJson(file));
            PrintWriter out = spec.commandLine().getOut();
            if (problems.isEmpty()) {
                out.println("valid: " + file);
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("invalid: " + file + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            problems.forEach(p -> err.println("  " + p));
            return 1;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Validate a notification and sign it with an exporting authority's key (Ed25519 over RFC 8785 bytes).")
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, paramLabel = "KEY", description = "PKCS#8 private key (PEM).")
        Path key;

        @Option(names = "--cert", required = true, paramLabel = "CERT", description = "The key's certificate (PEM).")
        Path cert;

        @Option(names = "--out", required = true, paramLabel = "OUT", description = "Signed document to write.")
        Path out;

        @Parameters(paramLabel = "FILE", description = "Notification JSON document.")
        Path file;

        @Override
        public Integer call() throws IOException {
            JsonNode doc = readJson(file);
            List<Problem> problems = DocumentValidator.standard().checkNotification(doc);
            if (!problems.isEmpty()) {
                throw new CliFailure("not signed: " + file + " has " + summarize(problems));
            }
            AuthorityCredentials creds;
            try {
                creds = AuthorityCredentials.read(key, cert);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(e.getMessage());
            }
            String exporting = doc.get("exportingCountry").asText();
            if (!creds.certificate().country().equals(exporting)
                    || creds.certificate().role() != org.pensim.protocol.pki.AuthorityRole.EXPORTING) {
                throw new CliFailure("not signed: a notification from " + exporting + " must be signed by the "
                        + exporting + " exporting authority, and " + cert + " is the " + creds.certificate().describe());
            }
            SignedDocument signed;
            try {
                signed = new DocumentSigner(creds).sign(DocumentType.NOTIFICATION, doc);
            } catch (CanonicalizationException e) {
                throw new CliFailure("not signed: " + e.getMessage());
            }
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.writeString(tmp, ProtocolJson.pretty(signed.toJson()) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            spec.commandLine().getOut().println("signed " + doc.get("id").asText() + " as the "
                    + creds.certificate().describe() + ": " + out);
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a signed notification: signature, certificate chain, validity, revocation, signer "
                    + "country and role, document validity. Exit 0 when valid, 1 with the reason otherwise.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--ca", required = true, paramLabel = "CA_PEM", description = "The trusted root certificate.")
        Path ca;

        @Option(names = "--crl", paramLabel = "CRL", description = "A revocation list signed by the CA.")
        Path crl;

        @Option(names = "--at", paramLabel = "INSTANT", description = "Check certificate validity at this time (default: now).")
        Instant at;

        @Parameters(paramLabel = "FILE", description = "Signed notification.")
        Path file;

        @Override
        public Integer call() throws IOException {
            var caCert = Pem.readCertificate(ca);
            RevocationStatus revocation = RevocationStatus.NONE;
            if (crl != null) {
                try {
                    revocation = RevocationStatus.fromCrl(Pem.readCrl(crl), caCert);
                } catch (IllegalArgumentException e) {
                    throw new CliFailure(e.getMessage());
                }
            }
            Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC);
            SignatureVerifier verifier = new SignatureVerifier(new CertificateChecker(caCert, revocation, clock));
            JsonNode json = readJson(file);
            VerifiedDocument verified;
            try {
                verified = verifier.verify(SignedDocument.fromJson(json), DocumentType.NOTIFICATION);
            } catch (SignatureVerificationException e) {
                throw new CliFailure("invalid: " + e.reason() + ": " + e.getMessage());
            }
            List<Problem> problems = DocumentValidator.standard().checkNotification(verified.document());
            if (!problems.isEmpty()) {
                throw new CliFailure("invalid: the signature is good but the document has " + summarize(problems));
            }
            spec.commandLine().getOut().println("valid: " + verified.document().get("id").asText() + " signed by the "
                    + verified.signer().describe() + " (kid " + verified.signer().thumbprint() + "), sha256 "
                    + verified.sha256());
            return 0;
        }
    }
}

package org.pensim.simulations.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.Pem;
import org.pensim.simulations.cli.PensimCommand.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The registry's root certificate authority. */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "Create the root CA and its revocation list.",
        subcommands = {CaCommand.Init.class, CaCommand.Revoke.class})
final class CaCommand {

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create a root CA: writes DIR/ca.pem (certificate) and DIR/ca.key (PKCS#8 key).")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
        Path out;

        @Option(names = "--name", defaultValue = "pensim registry root CA", description = "Common name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--days", defaultValue = "3650", description = "Validity in days (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--force", description = "Replace an existing CA in DIR.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            if (days < 1) {
                throw new CliFailure("--days must be at least 1");
            }
            if (!force && (Files.exists(out.resolve("ca.key")) || Files.exists(out.resolve("ca.pem")))) {
                throw new CliFailure(out + " already holds a CA; use --force to replace it");
            }
            CertificateAuthority ca = CertificateAuthority.create(name, Clock.systemUTC(), Duration.ofDays(days));
            ca.save(out);
            spec.commandLine().getOut().println("wrote " + out.resolve("ca.pem") + " and " + out.resolve("ca.key"));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke the given certificates and write the CA's complete revocation list (CRL): every "
                    + "certificate the CA has revoked (kept in DIR/revoked.csv), numbered one above the last CRL.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--ca", required = true, paramLabel = "DIR", description = "Directory with ca.pem and ca.key.")
        Path caDir;

        @Option(names = "--cert", paramLabel = "CERT", description = "Certificate to revoke (repeatable); none: reissue the "
                + "CRL as it stands, with a new number and next update.")
        List<Path> certs = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "CRL file to write (PEM).")
        Path out;

        @Option(names = "--days", defaultValue = "7", description = "Days until the next update (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        public Integer call() throws IOException {
            Clock clock = Clock.systemUTC();
            CertificateAuthority ca = CertificateAuthority.load(caDir, clock);
            org.pensim.protocol.pki.RevocationRegister register = org.pensim.protocol.pki.RevocationRegister.load(caDir);
            int added = 0;
            for (Path c : certs) {
                java.security.cert.X509Certificate cert = Pem.readCertificate(c);
                if (!cert.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
                    throw new PensimCommand.CliFailure(c + " was not issued by this CA (" + ca.certificate()
                            .getSubjectX500Principal().getName() + ")");
                }
                added += register.revoke(cert.getSerialNumber(), clock.instant()) ? 1 : 0;
            }
            BigInteger number = register.nextCrlNumber();
            // The CRL first, then the register: a crash in between leaves a CRL the register will number past.
            Pem.write(out, ca.revocationList(register.entries(), number, Duration.ofDays(days)));
            register.issued();
            spec.commandLine().getOut().println("wrote " + out + " (CRL number " + number + "): " + register.entries().size()
                    + " certificate(s) revoked in all, " + added + " new");
            return 0;
        }
    }
}

package org.pensim.simulations.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.pensim.protocol.country.CountryCode;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.Pem;
import org.pensim.simulations.cli.PensimCommand.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Authority keys and certificates. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create authority keys and certificates.",
        subcommands = KeysCommand.New.class)
final class KeysCommand {

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Create an Ed25519 key and a certificate naming the country and role: writes DIR/key.pem and DIR/cert.pem.")
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--ca", required = true, paramLabel = "DIR", description = "Directory with ca.pem and ca.key.")
        Path caDir;

        @Option(names = "--country", required = true, paramLabel = "CC", description = "ISO 3166-1 alpha-2 code.")
        String country;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "exporting, importing or operator.")
        String role;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
        Path out;

        @Option(names = "--days", defaultValue = "730", description = "Validity in days (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--force", description = "Replace existing key.pem and cert.pem in DIR.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            if (!CountryCode.isValid(country)) {
                throw new CliFailure("'" + country + "' is not an ISO 3166-1 alpha-2 country code");
            }
            AuthorityRole r;
            try {
                r = AuthorityRole.ofLabel(role);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(e.getMessage());
            }
            if (days < 1) {
                throw new CliFailure("--days must be at least 1");
            }
            if (!force && (Files.exists(out.resolve("key.pem")) || Files.exists(out.resolve("cert.pem")))) {
                throw new CliFailure(out + " already holds a key; use --force to replace it");
            }
            CertificateAuthority ca = CertificateAuthority.load(caDir, Clock.systemUTC());
            AuthorityCredentials creds = ca.enrol(country, r, Duration.ofDays(days));
            Files.createDirectories(out);
            // Write to temporary names, then move, so a failure never leaves a key without its certificate.
            Path keyTmp = out.resolve(".key.pem.tmp");
            Path certTmp = out.resolve(".cert.pem.tmp");
            Pem.write(keyTmp, org.bouncycastle.crypto.util.PrivateKeyInfoFactory
                    .createPrivateKeyInfo(creds.privateKey()));
            Pem.write(certTmp, creds.certificate().certificate());
            try {
                Files.setPosixFilePermissions(keyTmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(keyTmp, out.resolve("key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(certTmp, out.resolve("cert.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            spec.commandLine().getOut().println("wrote " + out.resolve("key.pem") + " and " + out.resolve("cert.pem")
                    + " for the " + creds.certificate().describe() + " (kid " + creds.certificate().thumbprint() + ")");
            return 0;
        }
    }
}

package org.pensim.importer;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import org.pensim.importer.config.ImporterConfig;
import org.pensim.protocol.config.ConfigLoader;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.Pem;
import org.pensim.protocol.screening.national.LicensedOperator;

/** Runs one importing authority's node from its configuration until stopped (SIGTERM stops it gracefully). */
public final class ImporterMain {

    private ImporterMain() {
    }

    public static int run(Path configFile) {
        ImporterConfig c;
        ImporterNode node;
        Vertx vertx = Vertx.vertx();
        try {
            c = ImporterConfig.load(configFile, System.getenv());
            var register = c.licensedOperators().stream().map(o -> new LicensedOperator(o.name(), c.country(),
                    o.identifier() == null ? java.util.List.<Identifier>of()
                            : java.util.List.of(new Identifier(o.identifierScheme(), o.identifier())),
                    o.validUntil(), new HashSet<>(o.substances() == null ? java.util.List.of() : o.substances()))).toList();
            AuthorityCredentials credentials = !java.nio.file.Files.exists(Path.of(c.keyFile())) && !c.enrolmentToken().isBlank()
                    ? org.pensim.registry.client.RegistryClient.enrolWithToken(vertx, c.registry().host(), c.registry().port(),
                            c.enrolmentToken(), Path.of(c.keyFile()), Path.of(c.certificateFile()))
                    : AuthorityCredentials.read(Path.of(c.keyFile()), Path.of(c.certificateFile()));
            node = ImporterNode.start(vertx, new ImporterNode.Settings(c.country(), credentials,
                    Pem.readCertificate(Path.of(c.caFile())), c.registry().host(), c.registry().port(), c.database(),
                    c.policy().clearBelow(), c.policy().objectAbove(), register, new HashSet<>(c.transitHubsOfConcern()),
                    c.http().port(), c.http().host(), org.pensim.protocol.officer.OfficerSessions.forNode(c.officers(),
                            Clock.systemUTC(), line -> System.out.println("pensim importer: " + line))), Clock.systemUTC());
        } catch (ConfigLoader.ConfigException | IOException | IllegalArgumentException e) {
            System.err.println("pensim importer: " + e.getMessage());
            vertx.close();
            return 1;
        } catch (Exception e) {
            System.err.println("pensim importer: cannot start: " + e.getMessage());
            vertx.close();
            return 1;
        }
        System.out.println("pensim importer: " + c.country() + " importing authority follows its inbox at "
                + c.registry().host() + ":" + c.registry().port() + "; officers' review queue on http://127.0.0.1:"
                + node.httpPort() + "/");
        return org.pensim.protocol.config.ServiceRunner.runUntilStopped("pensim importer", () -> {
            node.close();
            vertx.close();
        });
    }
}

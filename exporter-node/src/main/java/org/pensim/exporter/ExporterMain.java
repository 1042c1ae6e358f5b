package org.pensim.exporter;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.pensim.exporter.config.ExporterConfig;
import org.pensim.protocol.config.ConfigLoader;
import org.pensim.protocol.pki.AuthorityCredentials;

/** Runs one exporting authority's node from its configuration until stopped (SIGTERM stops it gracefully). */
public final class ExporterMain {

    private ExporterMain() {
    }

    public static int run(Path configFile) {
        Vertx vertx = Vertx.vertx();
        ExporterConfig c;
        ExporterNode node;
        try {
            c = ExporterConfig.load(configFile, System.getenv());
            AuthorityCredentials credentials = !java.nio.file.Files.exists(Path.of(c.keyFile())) && !c.enrolmentToken().isBlank()
                    ? org.pensim.registry.client.RegistryClient.enrolWithToken(vertx, c.registry().host(), c.registry().port(),
                            c.enrolmentToken(), Path.of(c.keyFile()), Path.of(c.certificateFile()))
                    : AuthorityCredentials.read(Path.of(c.keyFile()), Path.of(c.certificateFile()));
            node = ExporterNode.start(vertx, new ExporterNode.Settings(c.country(), credentials, c.registry().host(),
                    c.registry().port(), c.database(), c.retry().initialMillis(), c.retry().maxMillis(), c.http().port(), c.http().host(),
                    org.pensim.protocol.officer.OfficerSessions.forNode(c.officers(), Clock.systemUTC(),
                            line -> System.out.println("pensim exporter: " + line))),
                    Clock.systemUTC());
        } catch (ConfigLoader.ConfigException | IOException | IllegalArgumentException e) {
            System.err.println("pensim exporter: " + e.getMessage());
            vertx.close();
            return 1;
        } catch (Exception e) {
            System.err.println("pensim exporter: cannot start: " + e.getMessage());
            vertx.close();
            return 1;
        }
        System.out.println("pensim exporter: " + c.country() + " exporting authority; officers' pages on http://127.0.0.1:"
                + node.httpPort() + "/");
        return org.pensim.protocol.config.ServiceRunner.runUntilStopped("pensim exporter", () -> {
            node.close();
            vertx.close();
        });
    }
}

package org.pensim.simulations.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.Pem;
import org.pensim.registry.client.RegistryClient;
import org.pensim.simulations.cli.PensimCommand.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Authorities at the registry: the operator issues enrolment tokens, enrols and revokes; a node's
 * administrator enrols with a token. What the registry does not know, it refuses (401 "not enrolled").
 */
@Command(name = "authority", mixinStandardHelpOptions = true,
        description = "Enrol competent authorities with a registry, issue enrolment tokens, look up and revoke.",
        subcommands = {AuthorityCommand.Enrol.class, AuthorityCommand.Token.class, AuthorityCommand.List.class,
                AuthorityCommand.Show.class, AuthorityCommand.Revoke.class})
final class AuthorityCommand {

    /** Where the registry is and, for the operator's commands, the operator's credentials. */
    static class Registry {
        @Option(names = "--registry", defaultValue = "127.0.0.1:8440", paramLabel = "HOST:PORT",
                description = "A registry member's HTTP address (default: ${DEFAULT-VALUE}).")
        String address;

        @Option(names = "--operator", defaultValue = "pensim-registry-ca/operator", paramLabel = "DIR",
                description = "The operator's key.pem and cert.pem, written by the registry at its first start"
                        + " (default: ${DEFAULT-VALUE}).")
        Path operatorDir;

        String host() {
            int colon = address.lastIndexOf(':');
            if (colon < 1) {
                throw new CliFailure("--registry must be HOST:PORT, not '" + address + "'", 2);
            }
            return address.substring(0, colon);
        }

        int port() {
            try {
                return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            } catch (NumberFormatException e) {
                throw new CliFailure("--registry must be HOST:PORT, not '" + address + "'", 2);
            }
        }

        AuthorityCredentials operator() {
            Path key = operatorDir.resolve("key.pem");
            Path cert = operatorDir.resolve("cert.pem");
            if (!Files.isRegularFile(key) || !Files.isRegularFile(cert)) {
                throw new CliFailure("no operator credentials in " + operatorDir + " (key.pem, cert.pem): the registry writes"
                        + " them into pensim-registry-ca/operator beside its data at its first start; give --operator DIR");
            }
            try {
                return AuthorityCredentials.read(key, cert);
            } catch (Exception e) {
                throw new CliFailure("cannot read the operator's credentials in " + operatorDir + ": " + e.getMessage());
            }
        }

        /** Runs one call as the operator and returns the registry's answer, failing with its words. */
        <T> T asOperator(Function<RegistryClient, Future<T>> call) {
            AuthorityCredentials operator = operator();
            Vertx vertx = Vertx.vertx();
            try (RegistryClient client = new RegistryClient(vertx, host(), port(), operator, Clock.systemUTC())) {
                return call.apply(client).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new CliFailure("the registry at " + address + " could not be reached: " + e.getCause().getMessage());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new CliFailure("the registry at " + address + " did not answer within 30 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure("interrupted");
            } finally {
                vertx.close();
            }
        }

        static JsonNode ok(RegistryClient.Response r, String what) {
            if (r.status() >= 200 && r.status() < 300) {
                return r.body();
            }
            throw new CliFailure(what + " refused by the registry (" + r.status() + "): " + r.body().path("detail").asText(
                    r.body().toString()));
        }
    }

    static AuthorityRole role(String label) {
        try {
            return AuthorityRole.ofLabel(label);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), 2);
        }
    }

    static void refuseToOverwrite(Path out, boolean force) {
        if (!force && (Files.exists(out.resolve("key.pem")) || Files.exists(out.resolve("cert.pem")))) {
            throw new CliFailure(out + " already holds a key; use --force to replace it");
        }
    }

    @Command(name = "enrol", mixinStandardHelpOptions = true, description = {
            "Make an authority's key and enrol it with the registry: writes DIR/key.pem and DIR/cert.pem.",
            "As the operator: --country and --role (the operator's credentials from --operator).",
            "As a node's administrator: --token, the one-time token the operator issued (pensim authority token)."})
    static final class Enrol implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Registry registry = new Registry();

        @Option(names = "--country", paramLabel = "CC", description = "ISO 3166-1 alpha-2 code (operator).")
        String country;

        @Option(names = "--role", paramLabel = "ROLE", description = "exporting or importing (operator).")
        String role;

        @Option(names = "--token", paramLabel = "TOKEN", description = "A one-time enrolment token from the operator.")
        String token;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write key.pem and cert.pem into.")
        Path out;

        @Option(names = "--force", description = "Replace an existing key.pem and cert.pem in DIR.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            if ((token == null) == (country == null || role == null)) {
                throw new CliFailure("give either --token (a node enrolling itself) or --country and --role (the operator)", 2);
            }
            refuseToOverwrite(out, force);
            AuthorityCredentials credentials;
            if (token != null) {
                Vertx vertx = Vertx.vertx();
                try {
                    credentials = RegistryClient.enrolWithToken(vertx, registry.host(), registry.port(), token,
                            out.resolve("key.pem"), out.resolve("cert.pem"));
                } catch (IllegalArgumentException refused) {
                    throw new CliFailure(refused.getMessage());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new CliFailure("the registry at " + registry.address + " could not be reached: "
                            + e.getCause().getMessage());
                } finally {
                    vertx.close();
                }
            } else {
                AuthorityRole r = role(role);
                credentials = registry.asOperator(c -> c.enrolNewKey(country.toUpperCase(java.util.Locale.ROOT), r)
                        .recover(e -> Future.failedFuture(new CliFailure(e.getMessage()))));
                Files.createDirectories(out);
                Pem.write(out.resolve("key.pem"), org.bouncycastle.crypto.util.PrivateKeyInfoFactory
                        .createPrivateKeyInfo(credentials.privateKey()));
                Pem.write(out.resolve("cert.pem"), credentials.certificate().certificate());
            }
            spec.commandLine().getOut().println("enrolled the " + credentials.certificate().describe() + " (kid "
                    + credentials.certificate().thumbprint() + "): wrote " + out.resolve("key.pem") + " and " + out.resolve("cert.pem"));
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "As the operator, issue a one-time enrolment token for a country's authority; prints the token.")
    static final class Token implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Registry registry = new Registry();

        @Option(names = "--country", required = true, paramLabel = "CC")
        String country;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "exporting or importing.")
        String role;

        @Option(names = "--valid-hours", defaultValue = "72", description = "How long the token may be used (default: ${DEFAULT-VALUE}).")
        int validHours;

        @Override
        public Integer call() {
            AuthorityRole r = role(role);
            JsonNode body = Registry.ok(registry.asOperator(c -> c.post("/v1/enrolment-tokens", ProtocolJson.mapper()
                    .createObjectNode().put("country", country.toUpperCase(java.util.Locale.ROOT)).put("role", r.label())
                    .put("validHours", validHours).toString())), "the token");
            spec.commandLine().getOut().println(body.get("token").asText());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "As the operator, list the enrolled authorities: country, role, key id, enrolled, revoked.")
    static final class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Registry registry = new Registry();

        @Override
        public Integer call() {
            JsonNode body = Registry.ok(registry.asOperator(c -> c.get("/v1/authorities")), "the list");
            var out = spec.commandLine().getOut();
            out.printf("%-7s %-9s %-8s %-20s %s%n", "country", "role", "revoked", "enrolled", "kid");
            for (JsonNode a : body.path("authorities")) {
                out.printf("%-7s %-9s %-8s %-20s %s%n", a.path("country").asText(), a.path("role").asText().toLowerCase(
                        java.util.Locale.ROOT), a.path("revoked").asBoolean() ? "yes" : "no",
                        a.path("enrolledAt").asText().replaceAll("\\.\\d+Z$|Z$", "").replace('T', ' '), a.path("kid").asText());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an enrolled authority and whether it is revoked.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Registry registry = new Registry();

        @Option(names = "--kid", required = true, description = "The authority's key id (its certificate's SHA-256 thumbprint).")
        String kid;

        @Override
        public Integer call() throws Exception {
            JsonNode body = Registry.ok(registry.asOperator(c -> c.get("/v1/authorities/" + kid)), "the look-up");
            spec.commandLine().getOut().println(ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "As the operator, revoke an authority's certificate: the registry refuses it from then on.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Registry registry = new Registry();

        @Option(names = "--kid", required = true)
        String kid;

        @Option(names = "--reason", required = true, description = "Recorded with the revocation, for example 'key compromise'.")
        String reason;

        @Override
        public Integer call() {
            Registry.ok(registry.asOperator(c -> c.revoke(kid, reason)), "the revocation");
            spec.commandLine().getOut().println("revoked " + kid + ": " + reason);
            return 0;
        }
    }
}

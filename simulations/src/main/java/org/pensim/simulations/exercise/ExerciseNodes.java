package org.pensim.simulations.exercise;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.pensim.exporter.ExporterNode;
import org.pensim.importer.ImporterNode;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.screening.national.LicensedOperator;
import org.pensim.registry.RegistryMember;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.cluster.LocalCluster;
import org.pensim.registry.config.RegistryConfig;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;

/**
 * The real parts an exercise runs on exercise time: one registry member, both nodes of every exercise country (with
 * the participants' desk accounts), and the keys of partner authorities outside the exercise that injects play.
 */
final class ExerciseNodes implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExerciseNodes.class);
    /** An importing node's objection threshold that no score reaches: played countries leave objections to officers. */
    private static final double NEVER = 1e9;

    final Map<String, ExporterNode> exporters = new LinkedHashMap<>();
    final Map<String, ImporterNode> importers = new LinkedHashMap<>();
    /** Partner authorities' keys, by country. */
    final Map<String, AuthorityCredentials> partners = new LinkedHashMap<>();

    private final ExercisePlan plan;
    private final Path out;
    private final ExerciseClock clock;
    private final Vertx vertx;
    private final ExerciseDocuments documents;
    private RegistryMember registry;
    private RegistryClient operatorClient;

    ExerciseNodes(ExercisePlan plan, Path out, ExerciseClock clock, Vertx vertx, ExerciseDocuments documents) {
        this.plan = plan;
        this.out = out;
        this.clock = clock;
        this.vertx = vertx;
        this.documents = documents;
    }

    /** Starts the registry and every country's nodes, enrolling each node's key with the registry's operator. */
    void start(DeskAccounts deskAccounts) throws Exception {
        // A request signed "now" must still be fresh when it arrives, in simulated seconds: one simulated day.
        RegistryConfig base = LocalCluster.configs("pensim-exercise-" + plan.name() + "-" + System.nanoTime(), 1, null,
                out.resolve("registry/ca"), "jdbc:h2:file:" + out.toAbsolutePath().resolve("registry/db"), "sa", "", 2).get(0);
        RegistryConfig.Http h = base.http();
        RegistryConfig config = base.withHttp(new RegistryConfig.Http(h.host(), h.port(), h.maxBodyBytes(), 86_400,
                h.inboxPageLimit(), h.workerPoolSize()))
                // Every country's reply deadline is the plan's, for notifications the officers type and for deadlines an
                // answer restarts: a country's own 15 working days would run past the end of the exercise.
                .withLifecycle(new RegistryConfig.Lifecycle(base.lifecycle().deadlineCheckSeconds(), plan.replyDeadlineDays()));
        registry = LocalCluster.start(List.of(config), clock).get(0);
        operatorClient = new RegistryClient(vertx, "127.0.0.1", registry.httpPort(), registry.operator(), clock);
        for (var c : plan.countries()) {
            String cc = c.code();
            AuthorityCredentials exporting = await(operatorClient.enrolNewKey(cc, AuthorityRole.EXPORTING));
            AuthorityCredentials importing = await(operatorClient.enrolNewKey(cc, AuthorityRole.IMPORTING));
            exporters.put(cc, ExporterNode.start(vertx, new ExporterNode.Settings(cc, exporting, "127.0.0.1",
                    registry.httpPort(), h2("nodes/" + cc + "-exporter"), plan.nodes().exporterRetry().initialMillis(),
                    plan.nodes().exporterRetry().maxMillis(), 0, deskAccounts.forCountry(cc)), clock));
            double clearBelow = c.clearBelow() != null ? c.clearBelow()
                    : plan.played(cc) ? plan.nodes().playedCountryClearBelow() : plan.flagThreshold();
            double objectAbove = c.objectAbove() != null ? c.objectAbove() : plan.played(cc) ? NEVER : clearBelow;
            List<LicensedOperator> register = documents.operators(cc).stream().map(o -> new LicensedOperator(o.name(), cc,
                    List.of(new Identifier("REG", o.registration())), LocalDate.ofInstant(plan.start(), ZoneOffset.UTC)
                            .plusYears(5), Set.of())).toList();
            importers.put(cc, ImporterNode.start(vertx, new ImporterNode.Settings(cc, importing,
                    registry.certificateAuthority().certificate(), "127.0.0.1", registry.httpPort(),
                    h2("nodes/" + cc + "-importer"), clearBelow, objectAbove, register,
                    Set.copyOf(plan.nodes().transitHubsOfConcern()), 0, deskAccounts.forCountry(cc)), clock));
        }
    }

    int registryPort() {
        return registry.httpPort();
    }

    /** A partner authority outside the exercise that an inject plays (it asks, or shares an incident) gets a key. */
    void enrolPartnerOf(InjectSpec j) throws Exception {
        String partner = switch (j.kind()) {
            case INFORMATION_REQUEST -> j.to();
            case INCIDENT -> importers.containsKey(j.from()) ? null : j.from();
            default -> null;
        };
        if (partner != null && !partners.containsKey(partner)) {
            partners.put(partner, await(operatorClient.enrolNewKey(partner, AuthorityRole.IMPORTING)));
        }
    }

    private String h2(String name) {
        return "jdbc:h2:file:" + out.toAbsolutePath().resolve(name) + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (AutoCloseable c : new ArrayList<AutoCloseable>(exporters.values())) {
            closeQuietly(c);
        }
        for (AutoCloseable c : new ArrayList<AutoCloseable>(importers.values())) {
            closeQuietly(c);
        }
        if (operatorClient != null) {
            operatorClient.close();
        }
        if (registry != null) {
            closeQuietly(registry);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing {}: {}", c, e.toString());
        }
    }

    /** A notification the exercise submitted for a country, or the problems its exporting node found. */
    record Submitted(org.pensim.protocol.notification.PreExportNotification notification,
            java.util.List<org.pensim.protocol.validation.Problem> problems) {
    }

    /**
     * Submits the notification {@code make} builds through a country's exporting node. An officer may have typed the id
     * the exercise numbers next (the desk takes any id): then the next number is taken, until one is free.
     */
    Submitted submit(String country, java.util.function.Supplier<org.pensim.protocol.notification.PreExportNotification> make) {
        for (int attempt = 1; ; attempt++) {
            var n = make.get();
            var problems = exporters.get(country).submit(org.pensim.protocol.json.ProtocolJson.tree(n));
            boolean taken = problems.size() == 1 && "/id".equals(problems.get(0).pointer())
                    && problems.get(0).message().endsWith("is already in the outbox");
            if (!taken || attempt == MAX_ID_ATTEMPTS) {
                return new Submitted(n, problems);
            }
        }
    }

    /** How many numbers an inject or background notification tries past ids officers took: far more than they type. */
    private static final int MAX_ID_ATTEMPTS = 1000;
}

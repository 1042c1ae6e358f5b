package org.pensim.simulations.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryCode;
import org.pensim.protocol.country.CountryProfile;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.IncidentType;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.lifecycle.LifecycleTransitions;
import org.pensim.protocol.lifecycle.NotificationState;
import org.pensim.protocol.lifecycle.Trigger;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.notification.Packages;
import org.pensim.protocol.notification.Party;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.Route;
import org.pensim.protocol.notification.ShipmentItem;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.RevocationStatus;
import org.pensim.protocol.quantity.PureSubstanceConversion;
import org.pensim.protocol.quantity.Quantity;
import org.pensim.protocol.quantity.QuantityUnit;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.IndicatorCode;
import org.pensim.protocol.screening.RiskAssessment;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.screening.TimeToFlag;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.protocol.screening.global.GlobalStateStore;
import org.pensim.protocol.screening.national.LicensedOperator;
import org.pensim.protocol.screening.national.NationalKnowledge;
import org.pensim.protocol.screening.national.NationalScreening;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.validation.DocumentValidator;
import org.pensim.simulations.diversion.DiversionMethod;
import org.pensim.simulations.measure.Case;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.trade.Operator;
import org.pensim.simulations.trade.TradeDocuments;

/**
 * One replication of a scenario: a discrete-event simulation on a virtual clock that runs licit trade
 * and diversion campaigns through the real protocol code (documents, signatures, the lifecycle table,
 * national and global screening). Deterministic for a seed: every source of randomness has its own
 * stream, so two policies see the same licit trade.
 */
public final class SimulationRun {

    /** How to run. {@code crypto=false} models signatures and document validation instead of computing them. */
    public record Options(long seed, boolean crypto, DoubleConsumer progress) {
    }

    /** What a run produced. */
    public record Result(Scenario scenario, long seed, List<Case> cases, TreeMap<LocalDate, int[]> workload,
            Map<String, int[]> replies, long events) {
    }

    private static final List<String> DEFAULT_HUBS = List.of("AF", "MM", "LA", "SY", "YE");

    private final Scenario scenario;
    private final Options options;
    private final VirtualClock clock;
    private final EventQueue agenda;
    private final SubstanceCatalogue catalogue = SubstanceCatalogue.standard();
    private final CountryProfiles profiles = CountryProfiles.standard();
    private final Map<String, Authority> authorities = new LinkedHashMap<>();
    private final Map<String, List<Operator>> operators = new HashMap<>();
    private final List<Case> cases = new ArrayList<>();
    private final TreeMap<LocalDate, int[]> workload = new TreeMap<>();
    private final Map<String, int[]> replies = new TreeMap<>();
    private final GlobalScreening global;
    private final ScreeningPolicy policy = ScreeningPolicy.defaults();
    /** Loaded only when documents are really validated: its schemas take a few tenths of a second. */
    private final DocumentValidator validator;
    private final Map<String, DocumentSigner> signers = new HashMap<>();
    private DocumentSigner forger;
    private SignatureVerifier verifier;
    private final Instant start;
    private final Instant end;
    private long sequence;
    private final java.util.concurrent.ExecutorService crypto = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "pensim-sim-crypto");
                t.setDaemon(true);
                return t;
            });

    public SimulationRun(Scenario scenario, Options options) {
        this.scenario = scenario;
        this.options = options;
        this.start = scenario.start().atStartOfDay().toInstant(ZoneOffset.UTC);
        this.end = start.plus(Duration.ofDays(scenario.durationDays()));
        this.clock = new VirtualClock(start);
        this.agenda = new EventQueue(clock);
        this.global = new GlobalScreening(new GlobalStateStore.InMemory(), policy, clock, () -> 0L);
        this.validator = options.crypto() ? DocumentValidator.standard() : null;
    }

    /** An independent random stream per source, derived from the seed and the source's name. */
    private SplittableRandom stream(String source) {
        return new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L ^ (long) source.hashCode() * 0xC2B2AE3D27D4EB4FL);
    }

    // ------------------------------------------------------------------------------------------ world

    /** An importing authority: its screening, its officers' queue and its behaviour. */
    private final class Authority {
        final String code;
        final Scenario.Behaviour behaviour;
        final CountryProfile profile;
        final NationalScreening screening;
        final SplittableRandom random;
        final Deque<Case> officerQueue = new ArrayDeque<>();
        boolean officersScheduled;

        Authority(String code, Scenario.Behaviour behaviour) {
            this.code = code;
            this.behaviour = behaviour;
            CountryProfile base = profiles.of(code);
            Set<ControlList> requested = Boolean.TRUE.equals(behaviour.requestsTableII())
                    ? Set.of(ControlList.TABLE_I, ControlList.TABLE_II) : base.notificationRequested();
            this.profile = new CountryProfile(code, requested, behaviour.alrKg() != null ? behaviour.alrKg() : base.alrKg(),
                    base.calendar(), base.replyDeadline(), true);
            List<String> hubs = scenario.world().transitHubsOfConcern() == null ? DEFAULT_HUBS
                    : scenario.world().transitHubsOfConcern();
            NationalKnowledge knowledge = new NationalKnowledge(profile, catalogue, Set.copyOf(hubs));
            this.screening = new NationalScreening(knowledge, policy, clock, () -> 0L);
            this.random = stream("authority:" + code);
        }
    }

    private void buildWorld() {
        List<String> all = new ArrayList<>(new java.util.TreeSet<>(CountryCode.all()));
        Collections.shuffle(all, new java.util.Random(stream("world").nextLong()));
        List<String> chosen = new ArrayList<>();
        for (String c : scenario.world().include() == null ? List.<String>of() : scenario.world().include()) {
            if (!chosen.contains(c)) {
                chosen.add(c);
            }
        }
        for (String c : scenario.licitTrade().exporters()) {
            if (!chosen.contains(c)) {
                chosen.add(c);
            }
        }
        for (String c : all) {
            if (chosen.size() >= scenario.world().countries()) {
                break;
            }
            if (!chosen.contains(c)) {
                chosen.add(c);
            }
        }
        Collections.sort(chosen);
        for (String c : chosen) {
            Scenario.Behaviour b = scenario.world().defaults();
            if (scenario.world().overrides() != null && scenario.world().overrides().containsKey(c)) {
                b = scenario.world().overrides().get(c).over(b);
            }
            Authority a = new Authority(c, b);
            authorities.put(c, a);
            List<Operator> ops = new ArrayList<>();
            for (int i = 0; i < scenario.licitTrade().operatorsPerCountry(); i++) {
                Operator op = new Operator(Operator.name(c, i), c, i % 4 == 0 ? BusinessType.PHARMACEUTICAL_MANUFACTURER
                        : BusinessType.MANUFACTURER, c + "-LIC-" + i, false);
                ops.add(op);
                a.screening.knowledge().register().license(new LicensedOperator(op.name(), c,
                        List.of(new org.pensim.protocol.notification.Identifier("REG", op.registration())),
                        scenario.start().plusYears(5), Set.of()));
            }
            operators.put(c, ops);
        }
        if (options.crypto()) {
            CertificateAuthority ca = CertificateAuthority.create("pensim simulation root", clock, Duration.ofDays(3660 * 2));
            for (String c : chosen) {
                signers.put(c, new DocumentSigner(ca.enrol(c, AuthorityRole.EXPORTING, Duration.ofDays(3660 * 2))));
            }
            CertificateAuthority rogue = CertificateAuthority.create("forger", clock, Duration.ofDays(3660 * 2));
            AuthorityCredentials fake = rogue.enrol(chosen.get(0), AuthorityRole.EXPORTING, Duration.ofDays(3660 * 2));
            forger = new DocumentSigner(fake);
            verifier = new SignatureVerifier(new CertificateChecker(ca.certificate(), RevocationStatus.NONE, clock));
        }
    }

    // ------------------------------------------------------------------------------------------ run

    public Result run() {
        buildWorld();
        scheduleLicitTrade();
        scheduleCampaigns();
        for (LocalDate d = scenario.start(); d.isBefore(scenario.start().plusDays(scenario.durationDays())); d = d.plusDays(1)) {
            LocalDate day = d;
            agenda.at(day.atTime(23, 59).toInstant(ZoneOffset.UTC), () -> snapshot(day));
        }
        long total = agenda.pending();
        long[] done = {0};
        long events = agenda.runUntil(end.plus(Duration.ofDays(120)), () -> {
            if (++done[0] % 20000 == 0 && options.progress() != null) {
                options.progress().accept(Math.min(1.0, (clock.instant().toEpochMilli() - start.toEpochMilli())
                        / (double) (end.toEpochMilli() - start.toEpochMilli())));
            }
        });
        crypto.shutdown();
        if (options.progress() != null) {
            options.progress().accept(1.0);
        }
        cases.sort((a, b) -> {
            int c = a.submittedAt.compareTo(b.submittedAt);
            return c != 0 ? c : a.id.compareTo(b.id);
        });
        return new Result(scenario, options.seed(), cases, workload, replies, events + total * 0);
    }

    private int overdue;
    private int shipped;

    private void snapshot(LocalDate day) {
        int queued = 0;
        for (Authority a : authorities.values()) {
            queued += a.officerQueue.size();
        }
        workload.put(day, new int[] {queued, overdue, shipped});
    }

    // ------------------------------------------------------------------------------------------ licit trade

    private void scheduleLicitTrade() {
        new LicitTradeCalendar().draw(0);
    }

    /**
     * The licit orders, drawn from their own stream day after day: each day's orders are drawn at the
     * start of that day (see {@link EventQueue#atDrawn}), so the agenda never holds the whole year.
     */
    private final class LicitTradeCalendar {
        final Scenario.LicitTrade t = scenario.licitTrade();
        final SplittableRandom r = stream("licit-trade");
        final List<String> exporters = t.exporters();
        final List<String> importers = new ArrayList<>(authorities.keySet());
        final List<Map.Entry<String, Double>> mix = new ArrayList<>(new TreeMap<>(t.substances()).entrySet());
        final double mixTotal = mix.stream().mapToDouble(Map.Entry::getValue).sum();
        final double perDay = t.notificationsPerYear() / 365.0;

        void draw(int d) {
            if (d >= scenario.durationDays()) {
                return;
            }
            LocalDate day = scenario.start().plusDays(d);
            if (d + 1 < scenario.durationDays()) {
                agenda.at(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), () -> draw(d + 1));
            }
            double season = t.seasonality() == null ? 1.0 : t.seasonality().get(day.getMonthValue() - 1);
            int n = poisson(r, perDay * season);
            for (int i = 0; i < n; i++) {
                String exporting = exporters.get(r.nextInt(exporters.size()));
                String importing;
                do {
                    importing = importers.get(r.nextInt(importers.size()));
                } while (importing.equals(exporting));
                double x = r.nextDouble() * mixTotal;
                String substanceId = mix.get(mix.size() - 1).getKey();
                for (Map.Entry<String, Double> e : mix) {
                    x -= e.getValue();
                    if (x <= 0) {
                        substanceId = e.getKey();
                        break;
                    }
                }
                List<Operator> impOps = operators.get(importing);
                Operator importer = impOps.get(r.nextInt(impOps.size()));
                // Each importer keeps to its supplier: the pair is a function of the importer and substance.
                List<Operator> expOps = operators.get(exporting);
                String pair = importer.name() + substanceId;
                Operator exporter = expOps.get(Math.floorMod(pair.hashCode(), expOps.size()));
                double base = TradeDocuments.typicalKg(substanceId)
                        * Math.exp(0.3 * gaussianOf(pair));
                double kg = Math.max(1, Math.round(base * (0.85 + 0.3 * r.nextDouble())));
                Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(8 * 3600 + r.nextInt(9 * 3600));
                String sid = substanceId;
                agenda.atDrawn(at, () -> submitLicit(exporter, importer, sid, kg));
            }
        }
    }

    private void submitLicit(Operator exporter, Operator importer, String substanceId, double kg) {
        Substance s = catalogue.byId(substanceId).orElseThrow();
        Authority importing = authorities.get(importer.country());
        boolean notify = s.list() == ControlList.TABLE_I || importing.profile.requiresNotification(s)
                || s.list() == ControlList.SURVEILLANCE;
        if (!notify) {
            return;
        }
        PreExportNotification n = notification("licit", exporter, importer, null, s, SubstanceForm.BASE, kg,
                List.of(), TransportMode.SEA, false, null, 100);
        submit(n, "licit", null, false);
    }

    // ------------------------------------------------------------------------------------------ diversion

    private final class CampaignState {
        final Scenario.CampaignSpec spec;
        final DiversionMethod method;
        final SplittableRandom random;
        int exporterIndex;
        Operator importer;
        final List<Case> attempts = new ArrayList<>();

        CampaignState(Scenario.CampaignSpec spec) {
            this.spec = spec;
            this.method = DiversionMethod.valueOf(spec.method().toUpperCase(Locale.ROOT).replace('-', '_'));
            this.random = stream("campaign:" + spec.name());
        }

        List<String> exporters() {
            return spec.exporters() == null || spec.exporters().isEmpty() ? scenario.licitTrade().exporters() : spec.exporters();
        }

        String target() {
            List<String> t = spec.targets() == null || spec.targets().isEmpty() ? new ArrayList<>(authorities.keySet())
                    : spec.targets();
            if (method == DiversionMethod.SELDOM_REPLYING_TARGET && (spec.targets() == null || spec.targets().isEmpty())) {
                return authorities.values().stream().min((a, b) -> Double.compare(a.behaviour.replyProbability(),
                        b.behaviour.replyProbability())).orElseThrow().code;
            }
            return t.get(random.nextInt(t.size()));
        }

        /** After a refusal or seizure the campaign adapts: another supplier country, importer or size. */
        void adapt() {
            String a = spec.adaptation() == null ? "change-exporter" : spec.adaptation();
            switch (a) {
                case "change-exporter" -> exporterIndex++;
                case "change-importer" -> importer = null;
                case "reduce-quantity" -> reduced = reduced * 0.5;
                default -> { }
            }
        }

        double reduced = 1.0;
    }

    private void scheduleCampaigns() {
        if (scenario.campaigns() == null) {
            return;
        }
        for (Scenario.CampaignSpec spec : scenario.campaigns()) {
            CampaignState c = new CampaignState(spec);
            for (int i = 0; i < spec.attempts(); i++) {
                Instant at = spec.start().atTime(LocalTime.of(10, 0)).toInstant(ZoneOffset.UTC)
                        .plus(Duration.ofDays((long) i * Math.max(1, spec.intervalDays())))
                        .plusSeconds(c.random.nextInt(6 * 3600));
                int attempt = i;
                agenda.at(at, () -> attempt(c, attempt));
            }
        }
    }

    private void attempt(CampaignState c, int attempt) {
        String target = c.target();
        String exportingCountry = c.exporters().get(Math.floorMod(c.exporterIndex + (c.method == DiversionMethod.SPLITTING
                ? 0 : 0), c.exporters().size()));
        if (exportingCountry.equals(target)) {
            exportingCountry = c.exporters().get(Math.floorMod(c.exporterIndex + 1, c.exporters().size()));
        }
        Operator exporter = operators.get(exportingCountry).get(c.random.nextInt(operators.get(exportingCountry).size()));
        String substanceId = c.spec.substance() != null ? c.spec.substance() : switch (c.method) {
            case SUBSTITUTE -> "benzaldehyde";
            case PHARMACEUTICAL_PREPARATION -> "pseudoephedrine";
            default -> "ephedrine";
        };
        Substance s = catalogue.byId(substanceId).orElseThrow();
        double kg = Math.max(1, c.spec.quantityKg() * c.reduced * (0.8 + 0.4 * c.random.nextDouble()));
        if (c.importer == null || c.method == DiversionMethod.FRONT_COMPANY && c.spec.adaptation() != null
                && c.spec.adaptation().equals("change-importer")) {
            c.importer = shell(c, target, attempt);
        }
        Operator importer = c.importer.country().equals(target) ? c.importer : shell(c, target, attempt);
        String kind = c.method.name();
        switch (c.method) {
            case FRONT_COMPANY, COMPANY_SHOPPING -> submit(notification(kind, exporter, importer, null, s, SubstanceForm.BASE,
                    kg, List.of(), TransportMode.SEA, false, null, 100), kind, c, false);
            case SPLITTING -> {
                for (int k = 0; k < 3; k++) {
                    String cc = c.exporters().get(Math.floorMod(attempt + k, c.exporters().size()));
                    if (cc.equals(target)) {
                        continue;
                    }
                    Operator ex = operators.get(cc).get(c.random.nextInt(operators.get(cc).size()));
                    Operator licensed = operators.get(target).get(0);
                    submit(notification(kind, ex, licensed, null, s, SubstanceForm.BASE, kg / 3, List.of(),
                            TransportMode.AIR, false, null, 100), kind, c, false);
                }
            }
            case TRANSIT_DIVERSION -> {
                Operator licensed = operators.get(target).get(c.random.nextInt(operators.get(target).size()));
                List<String> hubs = scenario.world().transitHubsOfConcern() == null ? DEFAULT_HUBS
                        : scenario.world().transitHubsOfConcern();
                String hub = hubs.get(c.random.nextInt(hubs.size()));
                List<String> route = hub.equals(exporter.country()) || hub.equals(target) ? List.of() : List.of(hub);
                submit(notification(kind, exporter, licensed, null, s, SubstanceForm.BASE, kg, route,
                        TransportMode.MULTIMODAL, false, null, 100), kind, c, false);
            }
            case MISDECLARATION -> unnotified(c, exporter, importer, s, kg);
            case SUBSTITUTE -> {
                Operator licensed = operators.get(target).get(c.random.nextInt(operators.get(target).size()));
                submit(notification(kind, exporter, licensed, null, s, SubstanceForm.BASE, kg, List.of(), TransportMode.SEA,
                        false, null, 100), kind, c, false);
            }
            case PHARMACEUTICAL_PREPARATION -> {
                Operator licensed = operators.get(target).get(c.random.nextInt(operators.get(target).size()));
                String hs = s.id().equals("ephedrine") ? "3004.41" : "3004.42";
                submit(notification(kind, exporter, licensed, null, s, SubstanceForm.PREPARATION, kg / 0.12, List.of(),
                        TransportMode.SEA, false, hs, 12), kind, c, false);
            }
            case POST_COURIER -> {
                Operator licensed = operators.get(target).get(c.random.nextInt(operators.get(target).size()));
                submit(notification(kind, exporter, licensed, null, s, SubstanceForm.BASE, Math.max(kg, 6), List.of(),
                        TransportMode.COURIER, false, null, 100), kind, c, false);
            }
            case SELDOM_REPLYING_TARGET -> submit(notification(kind, exporter, importer, null, s, SubstanceForm.BASE, kg,
                    List.of(), TransportMode.AIR, false, null, 100), kind, c, false);
            case FORGED_OR_STOLEN_KEY -> submit(notification(kind, exporter, importer, null, s, SubstanceForm.BASE, kg,
                    List.of(), TransportMode.AIR, false, null, 100), kind, c, attempt % 2 == 0);
        }
    }

    private Operator shell(CampaignState c, String country, int attempt) {
        String[] names = {"Global Trade Link", "Sunrise Import Export", "Prime Health Distributors", "Blue Ocean Trading",
                "Golden Gate Pharma Supplies"};
        return new Operator(names[Math.floorMod(c.spec.name().hashCode() + attempt / 3, names.length)] + " " + country,
                country, attempt % 2 == 0 ? BusinessType.TRADING_COMPANY : BusinessType.END_USER, null, attempt % 3 == 0);
    }

    /** Misdeclared goods travel without a notification; only a seizure reveals them. */
    private void unnotified(CampaignState c, Operator exporter, Operator importer, Substance s, double kg) {
        String id = "X-" + (++sequence);
        Case k = new Case(id, c.method.name(), c.spec.name(), exporter.country(), importer.country(), s.id(),
                BigDecimal.valueOf(kg).setScale(3, RoundingMode.HALF_UP), clock.instant(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), false);
        k.state = NotificationState.SHIPPED;
        k.shippedAt = clock.instant();
        k.events.add(new Case.Event(clock.instant(), "SHIP (undeclared)"));
        cases.add(k);
        c.attempts.add(k);
        maybeSeize(c, k, importer);
    }

    private void maybeSeize(CampaignState c, Case k, Operator consignee) {
        double p = c.spec.seizureProbability() == null ? (k.notified ? 0.1 : 0.2) : c.spec.seizureProbability();
        if (c.random.nextDouble() < p) {
            Instant at = clock.instant().plus(Duration.ofHours(24 + c.random.nextInt(24 * 20)));
            agenda.at(at, () -> seize(c, k, consignee));
        }
    }

    private void seize(CampaignState c, Case k, Operator consignee) {
        k.seizedAt = clock.instant();
        k.events.add(new Case.Event(clock.instant(), "SEIZED"));
        if (k.firstFlagAt == null) {
            k.firstFlagAt = clock.instant();
            k.flags.add(Case.RaisedFlag.of(new Flag(IndicatorCode.WATCHLIST_MATCH, k.id, null, "incident", 0,
                    "seized after shipment (incident report)", Map.of("incident", "SEIZURE"), clock.instant(),
                    new TimeToFlag(Duration.between(k.submittedAt, clock.instant()), Duration.ZERO), null)));
        }
        Incident incident = new Incident("INC-" + k.id, IncidentType.SEIZURE, k.importingCountry, clock.instant(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), k.substanceId, null, k.notified ? k.id : null,
                List.of(new InvolvedEntity(consignee.name(), "consignee", consignee.as(PartyRole.CONSIGNEE).address(),
                        consignee.as(PartyRole.CONSIGNEE).identifiers())), "seized in a simulated control");
        for (Authority a : authorities.values()) {
            a.screening.knowledge().learn(incident);
        }
        c.adapt();
    }

    // ------------------------------------------------------------------------------------------ documents

    private PreExportNotification notification(String kind, Operator exporter, Operator importer, Operator consignee,
            Substance s, SubstanceForm form, double kg, List<String> transit, TransportMode mode, boolean early,
            String hsOverride, double concentration) {
        String digits = Long.toString(++sequence);
        String id = exporter.country() + "-S-" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
        return TradeDocuments.notification(id, exporter, importer, consignee, s, form, kg, transit, mode, hsOverride,
                concentration, authorities.get(importer.country()).profile, clock.instant(),
                kind.equals(DiversionMethod.SELDOM_REPLYING_TARGET.name()));
    }

    /** The exporting authority signs and submits; the registry checks, delivers and screens globally. */
    private void submit(PreExportNotification n, String kind, CampaignState campaign, boolean forged) {
        Case k = new Case(n.id(), kind, campaign == null ? null : campaign.spec.name(), n.exportingCountry(),
                n.importingCountry(), n.items().get(0).substanceId(), n.items().get(0).netPureKg(), clock.instant(),
                n.expectedDispatchDate(), true);
        cases.add(k);
        if (campaign != null) {
            campaign.attempts.add(k);
        }
        java.util.concurrent.Future<?> checked = null;
        if (options.crypto() && forged) {
            try {
                verifier.verify(forger.sign(DocumentType.NOTIFICATION, n), DocumentType.NOTIFICATION);
            } catch (SignatureVerificationException e) {
                refuseForgery(k, e.getMessage());
                return;
            }
        } else if (options.crypto()) {
            // Validation, signing and the registry's and importer's verifications run on the other core while
            // the event loop goes on; the importer waits for them before it reads the notification.
            DocumentSigner signer = signers.get(n.exportingCountry());
            checked = crypto.submit(() -> {
                var doc = org.pensim.protocol.json.ProtocolJson.tree(n);
                var problems = validator.checkNotification(doc);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("the simulator built an invalid notification " + n.id() + ": " + problems);
                }
                SignedDocument signed = signer.sign(DocumentType.NOTIFICATION, doc);
                verifier.verify(signed, DocumentType.NOTIFICATION);
                verifier.verify(signed, DocumentType.NOTIFICATION);
                return null;
            });
        } else if (forged) {
            refuseForgery(k, "signature check modelled: the signer's certificate is not issued by the registry CA");
            return;
        }
        k.state = apply(k, n.channel(), NotificationState.SUBMITTED, Trigger.of(EventType.DELIVER), AuthorityRole.OPERATOR);
        for (Flag f : global.screen(n, k.submittedAt, 0)) {
            addFlag(k, f, authorities.get(n.importingCountry()));
        }
        Authority a = authorities.get(n.importingCountry());
        java.util.concurrent.Future<?> verified = checked;
        agenda.at(nextInboxCheck(a, clock.instant()), () -> {
            await(verified);
            read(a, n, k);
        });
        // The later events keep only the channel: the document itself can be collected once it has been read.
        NotificationChannel channel = n.channel();
        if (n.replyDeadline() != null) {
            agenda.at(n.replyDeadline().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), () -> deadline(channel, k));
        }
        agenda.at(n.expectedDispatchDate().atTime(8, 0).toInstant(ZoneOffset.UTC), () -> dispatch(channel, k, campaign));
    }

    private static void await(java.util.concurrent.Future<?> f) {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void refuseForgery(Case k, String reason) {
        k.state = NotificationState.STOPPED;
        k.firstFlagAt = clock.instant();
        k.flags.add(Case.RaisedFlag.of(new Flag(IndicatorCode.WATCHLIST_MATCH, k.id, null, "signature", 0,
                "refused by the registry: " + reason, Map.of("check", "signature"), clock.instant(),
                new TimeToFlag(Duration.ZERO, Duration.ZERO), null)));
        k.events.add(new Case.Event(clock.instant(), "REFUSED (forged signature)"));
    }

    private NotificationState apply(Case k, NotificationChannel channel, NotificationState from, Trigger t, AuthorityRole by) {
        NotificationState next = LifecycleTransitions.next(from, t, channel, by);
        if (next == null) {
            return from;
        }
        k.events.add(new Case.Event(clock.instant(), t, from, next));
        return next;
    }

    /** The importing authority's own threshold, or the scenario's. */
    private double threshold(Authority a) {
        return a.behaviour.flagThreshold() != null ? a.behaviour.flagThreshold() : scenario.flagThreshold();
    }

    private void addFlag(Case k, Flag f, Authority a) {
        k.flags.add(Case.RaisedFlag.of(f));
        k.score += f.effectiveWeight();
        if (k.firstFlagAt == null && k.score >= threshold(a)) {
            k.firstFlagAt = clock.instant();
        }
    }

    // ------------------------------------------------------------------------------------------ importing authority

    /** The authority reads its inbox every few hours of its working days. */
    private Instant nextInboxCheck(Authority a, Instant t) {
        long period = (long) (a.behaviour.inboxCheckHours() * 3600);
        long next = (t.getEpochSecond() / period + 1) * period;
        Instant at = Instant.ofEpochSecond(next);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        int guard = 0;
        while (!a.profile.calendar().isWorkingDay(day) && guard++ < 14) {
            day = day.plusDays(1);
            at = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
        }
        return at;
    }

    private void read(Authority a, PreExportNotification n, Case k) {
        k.readAt = clock.instant();
        RiskAssessment r = a.screening.screen(n, k.submittedAt, 0);
        for (Flag f : r.flags()) {
            addFlag(k, f, a);
        }
        a.screening.knowledge().record(n);
        replies.computeIfAbsent(a.code, x -> new int[3])[0]++;
        if (n.channel() == NotificationChannel.VOLUNTARY) {
            return;
        }
        if (a.random.nextDouble() >= a.behaviour.replyProbability()) {
            return; // this authority does not answer this one
        }
        if (k.score < a.behaviour.clearBelow()) {
            decide(a, n, k, Decision.NO_OBJECTION, "automatic");
        } else if (k.score >= a.behaviour.objectAbove()) {
            decide(a, n, k, Decision.OBJECTION, "automatic");
        } else {
            a.officerQueue.add(k);
            scheduleOfficers(a);
        }
    }

    private void scheduleOfficers(Authority a) {
        if (a.officersScheduled) {
            return;
        }
        a.officersScheduled = true;
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        while (!a.profile.calendar().isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        agenda.at(day.atTime(9, 0).toInstant(ZoneOffset.UTC), () -> officersWork(a));
    }

    private void officersWork(Authority a) {
        a.officersScheduled = false;
        int capacity = a.behaviour.officerCapacityPerDay();
        for (int i = 0; i < capacity && !a.officerQueue.isEmpty(); i++) {
            Case k = a.officerQueue.poll();
            double hours = a.behaviour.reviewDelayHours() * Math.exp(a.behaviour.reviewDelaySigma() * gaussian(a.random));
            Decision d = k.score >= threshold(a)
                    ? (a.random.nextDouble() < 0.9 ? Decision.OBJECTION : Decision.NO_OBJECTION)
                    : (a.random.nextDouble() < 0.02 ? Decision.OBJECTION : Decision.NO_OBJECTION);
            PreExportNotification n = null;
            agenda.at(clock.instant().plusSeconds((long) (hours * 3600)), () -> decideLater(a, k, d));
        }
        if (!a.officerQueue.isEmpty()) {
            scheduleOfficers(a);
        }
    }

    /** A reply as the events list labels it: {@code REPLY(OBJECTION) by officer}. */
    private record Reply(Decision decision, String by) {
        @Override
        public String toString() {
            return "REPLY(" + decision + ") by " + by;
        }
    }

    private void decideLater(Authority a, Case k, Decision d) {
        decide(a, null, k, d, "officer");
    }

    private void decide(Authority a, PreExportNotification n, Case k, Decision d, String by) {
        NotificationChannel channel = NotificationChannel.FULL;
        NotificationState next = LifecycleTransitions.next(k.state, Trigger.reply(d), channel, AuthorityRole.IMPORTING);
        if (next == null) {
            return; // withdrawn, stopped or already shipped meanwhile
        }
        k.events.add(new Case.Event(clock.instant(), new Reply(d, by), k.state, next));
        k.state = next;
        k.decision = d.name();
        k.decidedAt = clock.instant();
        k.decidedBy = by;
        int[] counts = replies.computeIfAbsent(a.code, x -> new int[3]);
        counts[1]++;
        if (d == Decision.OBJECTION) {
            counts[2]++;
        }
    }

    private void deadline(NotificationChannel channel, Case k) {
        NotificationState before = k.state;
        k.state = apply(k, channel, k.state, Trigger.of(EventType.DEADLINE_PASSED), AuthorityRole.OPERATOR);
        if (before != k.state) {
            overdue++;
        }
    }

    /** The exporter ships on the dispatch date if the table allows it (no objection, or silence). */
    private void dispatch(NotificationChannel channel, Case k, CampaignState campaign) {
        NotificationState next = apply(k, channel, k.state, Trigger.of(EventType.SHIP), AuthorityRole.EXPORTING);
        if (next == NotificationState.SHIPPED && k.state != NotificationState.SHIPPED) {
            k.state = next;
            k.shippedAt = clock.instant();
            shipped++;
            if (campaign != null) {
                maybeSeize(campaign, k, campaign.importer == null ? new Operator("unknown", k.importingCountry,
                        BusinessType.TRADING_COMPANY, null, false) : campaign.importer);
            }
            agenda.at(clock.instant().plus(Duration.ofDays(20)), () ->
                    k.state = apply(k, channel, k.state, Trigger.of(EventType.RECEIVE), AuthorityRole.IMPORTING));
        } else if (k.state == NotificationState.OBJECTION && campaign != null) {
            campaign.adapt();
        }
    }

    // ------------------------------------------------------------------------------------------ randomness

    private static int poisson(SplittableRandom r, double mean) {
        return TradeDocuments.poisson(r, mean);
    }

    private static double gaussian(SplittableRandom r) {
        return TradeDocuments.gaussian(r);
    }

    /** A stable standard normal value for a name: the same pair trades the same typical size. */
    private static double gaussianOf(String key) {
        return gaussian(new SplittableRandom(key.hashCode()));
    }
}

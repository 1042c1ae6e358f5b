package org.pensim.protocol.screening.corpus;

import static org.pensim.protocol.screening.IndicatorCode.*;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.notification.Packages;
import org.pensim.protocol.notification.Party;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.Route;
import org.pensim.protocol.notification.ShipmentItem;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.PureSubstanceConversion;
import org.pensim.protocol.quantity.Quantity;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.protocol.screening.IndicatorCode;

/**
 * Builds the labelled screening corpus: a year of licit imports into India (IN) from established
 * suppliers, with every diversion method of the domain README mixed in. Labels come from how each
 * notification is built (which parties are invented, which route is chosen), never from the engine.
 * Deterministic for a seed. Run {@code main} to rewrite the golden file after a deliberate change.
 */
public final class CorpusGenerator {

    public static final long SEED = 20261127L;
    /** The importing country's ALRs in the corpus world, kg of pure substance (illustrative). */
    public static final java.util.Map<String, BigDecimal> ALR_KG = java.util.Map.of(
            "ephedrine", new BigDecimal("5500"), "pseudoephedrine", new BigDecimal("60000"), "p-2-p", new BigDecimal("100"));
    static final String IMPORTING = "IN";
    /** Transit hubs the corpus's importing authority is wary of (illustrative). */
    public static final Set<String> HUBS_OF_CONCERN = Set.of("AF", "MM", "LA");

    private final SubstanceCatalogue catalogue = SubstanceCatalogue.standard();
    private final Random random;
    private final List<CorpusEntry> entries = new ArrayList<>();
    private int sequence;

    public record Operator(String name, String country, BusinessType type, String id, String city) {
        Party as(PartyRole role) {
            return new Party(role, name, new Address("1 Industrial Road", city, null, country, null), type,
                    id == null ? List.of() : List.of(new Identifier("REG", id)), null);
        }
    }

    /** Licensed importers in IN with their usual substance and order size (kg of product). */
    record Trade(Operator importer, Operator exporter, String substanceId, SubstanceForm form, String salt, int baseKg) {
    }

    public static final List<Operator> LICENSED_IMPORTERS = List.of(
            new Operator("Deccan Pharma Formulations Pvt Ltd", IMPORTING, BusinessType.PHARMACEUTICAL_MANUFACTURER, "IN-REG-0001", "Hyderabad"),
            new Operator("Ganga Life Sciences Ltd", IMPORTING, BusinessType.PHARMACEUTICAL_MANUFACTURER, "IN-REG-0002", "Ahmedabad"),
            new Operator("Konkan Solvents and Chemicals Ltd", IMPORTING, BusinessType.MANUFACTURER, "IN-REG-0003", "Mumbai"),
            new Operator("Nilgiri Fine Chem Pvt Ltd", IMPORTING, BusinessType.MANUFACTURER, "IN-REG-0004", "Chennai"),
            new Operator("Vindhya Analytical Laboratories", IMPORTING, BusinessType.LABORATORY, "IN-REG-0005", "Pune"),
            new Operator("Malabar Drug House Ltd", IMPORTING, BusinessType.PHARMACEUTICAL_MANUFACTURER, "IN-REG-0006", "Kochi"));

    static final List<Operator> EXPORTERS = List.of(
            new Operator("Rheinchem Feinchemikalien GmbH", "DE", BusinessType.MANUFACTURER, "DE-EORI-1", "Ludwigshafen"),
            new Operator("Zhejiang Huayang Pharmaceutical Co Ltd", "CN", BusinessType.MANUFACTURER, "CN-USCC-7", "Taizhou"),
            new Operator("Noordzee Chemie BV", "NL", BusinessType.MANUFACTURER, "NL-KVK-3", "Rotterdam"),
            new Operator("Lyon Synthese SAS", "FR", BusinessType.MANUFACTURER, "FR-SIRET-9", "Lyon"),
            new Operator("Great Lakes Fine Chemicals Inc", "US", BusinessType.MANUFACTURER, "US-EIN-4", "Cleveland"));

    /** Incident entities the importing authority was told about; diversion reuses them under variants. */
    public static final List<Operator> WATCH_LIST = List.of(
            new Operator("Gulf Star General Trading FZE", "AE", BusinessType.TRADING_COMPANY, "JAFZA-118842", "Dubai"),
            new Operator("ООО Химпром", "RU", BusinessType.TRADING_COMPANY, "RU-OGRN-1127746", "Moscow"),
            new Operator("Al Noor Chemicals Est", "AE", BusinessType.DISTRIBUTOR, "DED-77120", "Sharjah"),
            new Operator("Golden Triangle Import Export Co", "MM", BusinessType.TRADING_COMPANY, "MM-REG-5511", "Yangon"));

    CorpusGenerator(long seed) {
        this.random = new Random(seed);
    }

    public static List<CorpusEntry> generate(long seed) {
        return new CorpusGenerator(seed).build();
    }

    List<CorpusEntry> build() {
        List<Trade> trades = List.of(
                new Trade(LICENSED_IMPORTERS.get(0), EXPORTERS.get(0), "pseudoephedrine", SubstanceForm.SALT, "hydrochloride", 500),
                new Trade(LICENSED_IMPORTERS.get(1), EXPORTERS.get(1), "ephedrine", SubstanceForm.SALT, "hydrochloride", 120),
                new Trade(LICENSED_IMPORTERS.get(2), EXPORTERS.get(2), "acetic-anhydride", SubstanceForm.BASE, null, 2000),
                new Trade(LICENSED_IMPORTERS.get(3), EXPORTERS.get(3), "potassium-permanganate", SubstanceForm.BASE, null, 800),
                new Trade(LICENSED_IMPORTERS.get(4), EXPORTERS.get(4), "phenylacetic-acid", SubstanceForm.BASE, null, 40),
                new Trade(LICENSED_IMPORTERS.get(5), EXPORTERS.get(1), "pseudoephedrine", SubstanceForm.SALT, "hydrochloride", 300),
                new Trade(LICENSED_IMPORTERS.get(2), EXPORTERS.get(0), "acetic-anhydride", SubstanceForm.BASE, null, 1500),
                new Trade(LICENSED_IMPORTERS.get(3), EXPORTERS.get(2), "toluene", SubstanceForm.BASE, null, 5000),
                new Trade(LICENSED_IMPORTERS.get(4), EXPORTERS.get(3), "acetone", SubstanceForm.BASE, null, 900),
                new Trade(LICENSED_IMPORTERS.get(0), EXPORTERS.get(4), "ephedrine", SubstanceForm.SALT, "sulfate", 60),
                new Trade(LICENSED_IMPORTERS.get(1), EXPORTERS.get(0), "sulphuric-acid", SubstanceForm.SOLUTION, null, 3000),
                new Trade(LICENSED_IMPORTERS.get(5), EXPORTERS.get(2), "piperidine", SubstanceForm.BASE, null, 200),
                new Trade(LICENSED_IMPORTERS.get(3), EXPORTERS.get(1), "methyl-ethyl-ketone", SubstanceForm.BASE, null, 2500),
                new Trade(LICENSED_IMPORTERS.get(2), EXPORTERS.get(3), "anthranilic-acid", SubstanceForm.BASE, null, 150),
                new Trade(LICENSED_IMPORTERS.get(4), EXPORTERS.get(0), "ethyl-ether", SubstanceForm.BASE, null, 400),
                new Trade(LICENSED_IMPORTERS.get(5), EXPORTERS.get(3), "hydrochloric-acid", SubstanceForm.SOLUTION, null, 6000),
                new Trade(LICENSED_IMPORTERS.get(1), EXPORTERS.get(2), "norephedrine", SubstanceForm.SALT, "hydrochloride", 80),
                new Trade(LICENSED_IMPORTERS.get(0), EXPORTERS.get(1), "piperonal", SubstanceForm.BASE, null, 250),
                new Trade(LICENSED_IMPORTERS.get(3), EXPORTERS.get(4), "toluene", SubstanceForm.BASE, null, 3000),
                new Trade(LICENSED_IMPORTERS.get(5), EXPORTERS.get(0), "acetone", SubstanceForm.BASE, null, 1200));

        for (int month = 1; month <= 12; month++) {
            // Diversion starts once patterns exist; an order that plays a diversion method replaces that
            // trade's licit order of the month, so the importer's pattern stays what it was.
            Set<Trade> taken = month < 3 ? Set.of() : diversion(month, trades);
            for (Trade t : trades) {
                int day = 3 + random.nextInt(20);
                double jitter = 0.85 + 0.3 * random.nextDouble();
                if (!taken.contains(t)) {
                    licit(t, LocalDate.of(2026, month, day), (int) Math.round(t.baseKg() * jitter));
                }
            }
        }
        entries.sort(java.util.Comparator.comparing((CorpusEntry e) -> e.notification().issuedAt())
                .thenComparing(e -> e.notification().id()));
        return relabelNewCounterparts(entries);
    }

    private void licit(Trade t, LocalDate day, int kg) {
        add("licit", EnumSet.noneOf(IndicatorCode.class), false,
                notification(t.exporter(), t.importer(), null, t.substanceId(), t.form(), t.salt(), kg, day,
                        List.of(), TransportMode.SEA, true, null));
    }

    private Set<Trade> diversion(int month, List<Trade> trades) {
        LocalDate day = LocalDate.of(2026, month, 24);
        Operator exporter = EXPORTERS.get(month % EXPORTERS.size());
        int n = trades.size();
        Trade spike = trades.get(month % n);
        Trade viaHub = trades.get((month + 1) % n);
        Trade parcel = trades.get((month + 3) % n);
        Trade hurried = trades.get((month + 4) % n);
        Trade watched = trades.get((month + 5) % n);
        Trade usual = spike;

        // Front company: an unlicensed newcomer, half of them trading companies.
        boolean trading = month % 2 == 0;
        Operator front = new Operator(pick("Sai", "Om", "Shree", "Galaxy", "Apex") + " " + pick("Healthcare", "Pharma",
                "Remedies", "Biotech") + (trading ? " Trading Co" : " Pvt Ltd"), IMPORTING,
                trading ? BusinessType.TRADING_COMPANY : BusinessType.PHARMACEUTICAL_MANUFACTURER, null, "Delhi");
        Set<IndicatorCode> frontLabels = EnumSet.of(OPERATOR_UNKNOWN, NEW_COUNTERPART);
        if (trading) {
            frontLabels.add(INTERMEDIARY_CONSIGNEE);
        }
        add("front-company", frontLabels, false, notification(exporter, front, null, "pseudoephedrine", SubstanceForm.SALT,
                "hydrochloride", 200 + random.nextInt(300), day, List.of(), TransportMode.SEA, true, null));

        // Quantity spike by an established importer: three and a half times its usual order.
        add("quantity-spike", month < 5 ? EnumSet.noneOf(IndicatorCode.class) : EnumSet.of(QUANTITY_ANOMALY), false, notification(spike.exporter(), spike.importer(), null,
                spike.substanceId(), spike.form(), spike.salt(), (int) (spike.baseKg() * 3.5), day.plusDays(1),
                List.of(), TransportMode.SEA, true, null));

        // Transit diversion through a hub of concern.
        add("transit-diversion", EnumSet.of(RISKY_ROUTE), false, notification(viaHub.exporter(), viaHub.importer(), null,
                viaHub.substanceId(), viaHub.form(), viaHub.salt(), viaHub.baseKg(), day.plusDays(2),
                List.of("AE", pick("AF", "MM", "LA")), TransportMode.MULTIMODAL, true, null));

        // Misdeclaration: acetic anhydride under the heading of acetic acid.
        Set<Trade> busy = Set.of(spike, viaHub, trades.get((month + 3) % n), trades.get((month + 4) % n),
                trades.get((month + 5) % n));
        // Prefer an acetic anhydride trade (declared as acetic acid, the classic look-alike); else any free trade.
        Trade anhydride = java.util.stream.Stream.concat(java.util.stream.Stream.of(trades.get(2), trades.get(6)),
                trades.stream()).filter(t -> !busy.contains(t)).findFirst().orElseThrow();
        add("misdeclaration", EnumSet.of(HS_CODE_MISMATCH), false, notification(anhydride.exporter(), anhydride.importer(),
                null, anhydride.substanceId(), anhydride.form(), anhydride.salt(), anhydride.baseKg(), day.plusDays(3),
                List.of(), TransportMode.SEA, true, "2915.21"));

        // Substitutes: a surveillance-list pre-precursor or a glycidate ester from an established supplier.
        boolean surveillance = month % 2 == 1;
        String substitute = surveillance ? pick("benzaldehyde", "nitroethane", "p2np", "benzyl-cyanide")
                : pick("bmk-methyl-glycidate", "bmk-ethyl-glycidate", "pmk-glycidate");
        Set<IndicatorCode> subLabels = EnumSet.of(CLOSE_SUBSTITUTE);
        if (surveillance) {
            subLabels.add(SURVEILLANCE_SUBSTANCE);
        }
        add("substitute", subLabels, false, notification(exporter, LICENSED_IMPORTERS.get(3), null, substitute,
                SubstanceForm.BASE, null, 300 + random.nextInt(700), day.plusDays(4), List.of(), TransportMode.SEA,
                true, null));

        // Post and courier for bulk quantities.
        add("post-courier", EnumSet.of(PARCEL_BULK), false, notification(parcel.exporter(), parcel.importer(), null,
                parcel.substanceId(), parcel.form(), parcel.salt(), parcel.baseKg(), day.plusDays(5), List.of(),
                pick(TransportMode.POST, TransportMode.COURIER), true, null));

        // Targeting a country that seldom replies: the goods leave before the deadline.
        add("dispatch-before-reply", EnumSet.of(DISPATCH_BEFORE_DEADLINE), false, notification(hurried.exporter(),
                hurried.importer(), null, hurried.substanceId(), hurried.form(), hurried.salt(), hurried.baseKg(),
                day.plusDays(6), List.of(), TransportMode.AIR, false, null));

        // Watch list: an entity of a past incident as consignee, under a spelling variant.
        Operator entity = WATCH_LIST.get(month % WATCH_LIST.size());
        Operator variant = new Operator(variant(entity.name(), month), entity.country(), entity.type(),
                month % 3 == 0 ? entity.id() : null, entity.city());
        add("watch-list", EnumSet.of(WATCHLIST_MATCH, RISKY_ROUTE, INTERMEDIARY_CONSIGNEE), false,
                notification(watched.exporter(), watched.importer(), variant, watched.substanceId(), watched.form(),
                        watched.salt(), watched.baseKg(), day.plusDays(7), List.of(), TransportMode.SEA, true, null));

        // Splitting across exporting countries to one consignee: small lots from three countries.
        Operator splitter = LICENSED_IMPORTERS.get(4);
        for (int k = 0; k < 3; k++) {
            Operator from = EXPORTERS.get((month + k) % EXPORTERS.size());
            // The first two lots are below the three-country rule: only the third completes the pattern,
            // but within a 90-day window the pattern of earlier months keeps every lot above it.
            Set<IndicatorCode> labels = month == 3 && k < 2 ? EnumSet.noneOf(IndicatorCode.class)
                    : EnumSet.of(SPLIT_ACROSS_EXPORTERS);
            add("splitting", labels, false, notification(from, splitter, null, "p-2-p", SubstanceForm.BASE, null, 2,
                    day.plusDays(k), List.of(), TransportMode.AIR, true, null));
        }

        // Company shopping: refused from one country, the same importer comes back through another.
        Operator shopper = new Operator("Vortex " + pick("Chemtrade", "Bioscience", "Lifecare") + " " + month + " Ltd",
                IMPORTING, BusinessType.DISTRIBUTOR, null, "Kolkata");
        Operator first = EXPORTERS.get(month % EXPORTERS.size());
        Operator second = EXPORTERS.get((month + 2) % EXPORTERS.size());
        add("company-shopping-refused", EnumSet.of(OPERATOR_UNKNOWN, NEW_COUNTERPART, INTERMEDIARY_CONSIGNEE), true,
                notification(first, shopper, null, "ephedrine", SubstanceForm.SALT, "hydrochloride", 150, day.plusDays(1),
                        List.of(), TransportMode.SEA, true, null));
        add("company-shopping", EnumSet.of(COMPANY_SHOPPING, OPERATOR_UNKNOWN, NEW_COUNTERPART, INTERMEDIARY_CONSIGNEE),
                false, notification(second, shopper, null, "ephedrine", SubstanceForm.SALT, "hydrochloride", 150,
                        day.plusDays(4), List.of(), TransportMode.SEA, true, null));

        // Pharmaceutical preparations: ephedrine tablets in bulk, at year end, past the ALR.
        if (month == 12) {
            for (int k = 0; k < 2; k++) {
                PreExportNotification prep = notification(EXPORTERS.get(4), LICENSED_IMPORTERS.get(5), null, "ephedrine",
                        SubstanceForm.PREPARATION, null, 15000, day.plusDays(3 + k), List.of(), TransportMode.SEA, true,
                        "3004.41");
                // Thirty tonnes of tablets through a corridor that carries a hundred kilograms a month is a surge too.
                add("pharmaceutical-preparation", EnumSet.of(ALR_EXCEEDED, CORRIDOR_SURGE), false,
                        withConcentration(prep, "12"));
            }
        }

        // Targeting a country without an ALR for the substance.
        if (month % 4 == 1) {
            add("no-alr-target", EnumSet.of(ALR_MISSING), false, notification(EXPORTERS.get(1), LICENSED_IMPORTERS.get(3),
                    null, "pmk", SubstanceForm.BASE, null, 100, day.plusDays(5), List.of(), TransportMode.SEA, true, null));
        }

        // A stolen signing key: a genuine exporter's authority signs for a shell importer.
        if (month % 2 == 0) {
            Operator shell = new Operator("Northstar Medisupply " + month, IMPORTING, BusinessType.END_USER, null, "Jaipur");
            add("stolen-key", EnumSet.of(OPERATOR_UNKNOWN, NEW_COUNTERPART), false, notification(EXPORTERS.get(0),
                    shell, null, "pseudoephedrine", SubstanceForm.SALT, "hydrochloride", 400, day.plusDays(2), List.of(),
                    TransportMode.SEA, true, null));
        }
        return Set.of(spike, viaHub, parcel, hurried, watched, anhydride);
    }

    /** Preparations hold a few percent of the substance: restate the item at that concentration. */
    private PreExportNotification withConcentration(PreExportNotification n, String percent) {
        ShipmentItem i = n.items().get(0);
        Substance s = catalogue.byId(i.substanceId()).orElseThrow();
        BigDecimal c = new BigDecimal(percent);
        BigDecimal net = PureSubstanceConversion.toPureKilograms(s, i.quantity(), i.form(), i.salt(), c, null);
        ShipmentItem item = new ShipmentItem(i.substanceId(), i.cas(), "tablets 60 mg", i.form(), i.salt(), c,
                i.quantity(), null, net, i.packages(), i.hsCode());
        return new PreExportNotification(n.id(), n.channel(), n.exportingCountry(), n.importingCountry(), n.issuedAt(),
                n.parties(), List.of(item), n.route(), n.expectedDispatchDate(), n.expectedArrivalDate(),
                n.replyDeadline(), n.exportAuthorisationNumber(), n.importPermitNumber(), n.invoiceNumber(), n.endUse());
    }

    /** Spelling variants a diverter might use: word order, legal form, transliteration. */
    private static String variant(String name, int month) {
        return switch (name) {
            case "Gulf Star General Trading FZE" -> month % 2 == 0 ? "Star Gulf General Trading LLC" : "Gulf Star Gen. Trading F.Z.E.";
            case "ООО Химпром" -> month % 2 == 0 ? "Khimprom LLC" : "Himprom OOO";
            case "Al Noor Chemicals Est" -> month % 2 == 0 ? "Alnoor Chemicals Establishment" : "Al-Noor Chemical Est";
            default -> month % 2 == 0 ? "Golden Triangle Imp Exp Co" : "Golden Triangle Import and Export Company";
        };
    }

    private PreExportNotification notification(Operator exporter, Operator importer, Operator consignee, String substanceId,
            SubstanceForm form, String salt, int kg, LocalDate day, List<String> transit, TransportMode mode,
            boolean waitForReply, String hsOverride) {
        Substance s = catalogue.byId(substanceId).orElseThrow();
        BigDecimal concentration = new BigDecimal("99.0");
        Quantity q = new Quantity(BigDecimal.valueOf(kg), org.pensim.protocol.quantity.QuantityUnit.KG);
        BigDecimal net = PureSubstanceConversion.toPureKilograms(s, q, form, salt, concentration, null);
        Instant issued = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
        LocalDate deadline = day.plusDays(21);
        LocalDate dispatch = waitForReply ? deadline.plusDays(3) : day.plusDays(4);
        List<Party> parties = new ArrayList<>(List.of(exporter.as(PartyRole.EXPORTER), importer.as(PartyRole.IMPORTER)));
        if (consignee != null) {
            parties.add(consignee.as(PartyRole.CONSIGNEE));
        }
        boolean voluntary = !s.isScheduled();
        String id = exporter.country() + "-C-" + String.format("%05d", ++sequence);
        return new PreExportNotification(id, voluntary ? NotificationChannel.VOLUNTARY : NotificationChannel.FULL,
                exporter.country(), IMPORTING, issued, parties,
                List.of(new ShipmentItem(s.id(), s.cas(), null, form, salt, concentration, q, null, net,
                        new Packages(Math.max(1, kg / 25), "drum"), hsOverride == null ? s.hsCode() : hsOverride)),
                new Route(transit, "port of loading", "Nhava Sheva", mode), dispatch, dispatch.plusDays(20),
                voluntary ? null : deadline, "EXP-" + id, null, "INV-" + id, null);
    }

    private void add(String method, Set<IndicatorCode> expected, boolean refused, PreExportNotification n) {
        entries.add(new CorpusEntry(method, expected, refused, n));
    }

    /** In time order, the first shipment of a substance between an exporter and an importer is a new counterpart. */
    private static List<CorpusEntry> relabelNewCounterparts(List<CorpusEntry> sorted) {
        Set<String> seen = new HashSet<>();
        java.util.Map<String, BigDecimal> yearToDate = new java.util.HashMap<>();
        List<CorpusEntry> out = new ArrayList<>();
        for (CorpusEntry e : sorted) {
            Set<IndicatorCode> labels = EnumSet.noneOf(IndicatorCode.class);
            labels.addAll(e.expected());
            labels.remove(NEW_COUNTERPART);
            PreExportNotification n = e.notification();
            labels.remove(ALR_EXCEEDED);
            for (ShipmentItem item : n.items()) {
                if (seen.add(pair(n.exporter(), n.importer(), item.substanceId()))) {
                    labels.add(NEW_COUNTERPART);
                }
                // Once the year's total passes the ALR, every further import of the substance is above it.
                BigDecimal total = yearToDate.merge(item.substanceId(), item.netPureKg(), BigDecimal::add);
                BigDecimal alr = ALR_KG.get(item.substanceId());
                if (alr != null && total.compareTo(alr) > 0) {
                    labels.add(ALR_EXCEEDED);
                }
            }
            out.add(new CorpusEntry(e.method(), labels, e.refused(), n));
        }
        return out;
    }

    private static String pair(Operator exporter, Operator importer, String substance) {
        return exporter.name() + "|" + importer.name() + "|" + substance;
    }

    private static String pair(Party exporter, Party importer, String substance) {
        return exporter.name() + "|" + importer.name() + "|" + substance;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    /** Writes the corpus as JSON lines: the golden file the corpus test reads. */
    public static void write(List<CorpusEntry> corpus, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (CorpusEntry e : corpus) {
                w.write(ProtocolJson.mapper().writeValueAsString(e));
                w.write('\n');
            }
        }
    }

    static BigDecimal round(BigDecimal v) {
        return v.setScale(3, RoundingMode.HALF_UP);
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "protocol/src/test/resources/screening/corpus.jsonl");
        List<CorpusEntry> corpus = generate(SEED);
        write(corpus, file);
        System.out.println("wrote " + corpus.size() + " notifications to " + file);
    }
}

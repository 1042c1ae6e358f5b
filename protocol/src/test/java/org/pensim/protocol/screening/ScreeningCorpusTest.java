package org.pensim.protocol.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.IncidentType;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.screening.corpus.CorpusEntry;
import org.pensim.protocol.screening.corpus.CorpusGenerator;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.protocol.screening.global.GlobalStateStore;
import org.pensim.protocol.screening.national.LicensedOperator;
import org.pensim.protocol.screening.national.NationalKnowledge;
import org.pensim.protocol.screening.national.NationalScreening;
import org.pensim.protocol.validation.DocumentValidator;

/**
 * Screens the labelled golden corpus ({@code screening/corpus.jsonl}) with the national and global
 * indicators, prints precision and recall per indicator, and fails if any falls below the level
 * recorded in {@code screening/corpus-levels.json}.
 */
class ScreeningCorpusTest {

    private static final Path GOLDEN = Path.of("src/test/resources/screening/corpus.jsonl");
    private static final Path LEVELS = Path.of("src/test/resources/screening/corpus-levels.json");

    record Score(int truePositives, int falsePositives, int falseNegatives) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
        }
    }

    static List<CorpusEntry> readGolden() throws IOException {
        List<CorpusEntry> corpus = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
            corpus.add(ProtocolJson.mapper().readValue(line, CorpusEntry.class));
        }
        return corpus;
    }

    @Test
    void the_golden_file_is_what_the_generator_makes(@TempDir Path tmp) throws IOException {
        Path fresh = tmp.resolve("corpus.jsonl");
        CorpusGenerator.write(CorpusGenerator.generate(CorpusGenerator.SEED), fresh);
        assertThat(Files.readString(fresh)).as("regenerate with CorpusGenerator.main after a deliberate change")
                .isEqualTo(Files.readString(GOLDEN));
    }

    @Test
    void the_corpus_is_large_valid_and_covers_every_method() throws IOException {
        List<CorpusEntry> corpus = readGolden();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
        assertThat(corpus.stream().map(CorpusEntry::method).collect(Collectors.toSet())).contains("licit", "front-company",
                "quantity-spike", "transit-diversion", "misdeclaration", "substitute", "post-courier",
                "dispatch-before-reply", "watch-list", "splitting", "company-shopping", "pharmaceutical-preparation",
                "stolen-key");
        DocumentValidator validator = DocumentValidator.standard();
        for (CorpusEntry e : corpus) {
            assertThat(validator.checkNotification(ProtocolJson.tree(e.notification()))).as(e.notification().id()).isEmpty();
        }
    }

    @Test
    void precision_and_recall_per_indicator_stay_at_or_above_the_recorded_levels() throws IOException {
        List<CorpusEntry> corpus = readGolden();
        NationalKnowledge india = new NationalKnowledge(CountryProfiles.standard().withOverrides(Map.of("IN",
                new CountryProfiles.ProfileSpec(null, CorpusGenerator.ALR_KG, null, null, null, null, null))).of("IN"), SubstanceCatalogue.standard(), CorpusGenerator.HUBS_OF_CONCERN);
        for (var op : CorpusGenerator.LICENSED_IMPORTERS) {
            india.register().license(new LicensedOperator(op.name(), op.country(), List.of(new Identifier("REG", op.id())),
                    java.time.LocalDate.of(2027, 12, 31), Set.of()));
        }
        int n = 0;
        for (var w : CorpusGenerator.WATCH_LIST) {
            india.learn(new Incident("INC-" + (++n), IncidentType.SEIZURE, w.country(),
                    java.time.Instant.parse("2025-12-01T00:00:00Z"), java.time.LocalDate.of(2025, 11, 20), null, null, null,
                    List.of(new InvolvedEntity(w.name(), "consignee", new Address("x", w.city(), null, w.country(), null),
                            List.of(new Identifier("REG", w.id())))), "seized shipment"));
        }
        NationalScreening national = new NationalScreening(india, ScreeningPolicy.defaults(), Clock.systemUTC(), System::nanoTime);
        GlobalScreening global = new GlobalScreening(new GlobalStateStore.InMemory(), ScreeningPolicy.defaults(),
                Clock.systemUTC(), System::nanoTime);

        Map<IndicatorCode, int[]> counts = new EnumMap<>(IndicatorCode.class);
        for (IndicatorCode c : IndicatorCode.values()) {
            counts.put(c, new int[3]);
        }
        for (CorpusEntry e : corpus) {
            RiskAssessment a = national.screen(e.notification(), e.notification().issuedAt(), System.nanoTime());
            a = a.plus(global.screen(e.notification(), e.notification().issuedAt(), System.nanoTime()));
            india.record(e.notification());
            if (e.refused()) {
                global.recordRefusal(e.notification());
            }
            Set<IndicatorCode> raised = EnumSet.noneOf(IndicatorCode.class);
            a.flags().forEach(f -> raised.add(f.indicator()));
            for (IndicatorCode c : IndicatorCode.values()) {
                boolean expected = e.expected().contains(c);
                boolean got = raised.contains(c);
                if (expected != got && Boolean.getBoolean("pensim.corpus.verbose")) {
                    System.out.println((got ? "FP " : "FN ") + c + " " + e.method() + " " + e.notification().id() + " "
                            + a.flags().stream().filter(f -> f.indicator() == c).map(Flag::explanation).toList());
                }
                if (expected && got) {
                    counts.get(c)[0]++;
                } else if (got) {
                    counts.get(c)[1]++;
                } else if (expected) {
                    counts.get(c)[2]++;
                }
            }
        }

        JsonNode levels = ProtocolJson.parse(Files.readAllBytes(LEVELS));
        StringBuilder table = new StringBuilder(String.format("%n%-26s %5s %5s %5s %9s %7s%n", "indicator", "TP", "FP", "FN",
                "precision", "recall"));
        List<String> below = new ArrayList<>();
        for (IndicatorCode c : IndicatorCode.values()) {
            int[] k = counts.get(c);
            Score s = new Score(k[0], k[1], k[2]);
            table.append(String.format(java.util.Locale.ROOT, "%-26s %5d %5d %5d %9.3f %7.3f%n", c, k[0], k[1], k[2],
                    s.precision(), s.recall()));
            JsonNode level = levels.path(c.name());
            if (level.isMissingNode()) {
                below.add(c + " has no recorded level");
                continue;
            }
            if (s.precision() + 1e-9 < level.path("precision").asDouble()) {
                below.add(c + " precision " + s.precision() + " < " + level.path("precision").asDouble());
            }
            if (s.recall() + 1e-9 < level.path("recall").asDouble()) {
                below.add(c + " recall " + s.recall() + " < " + level.path("recall").asDouble());
            }
            if (k[0] + k[2] == 0 && c.scope() == IndicatorCode.Scope.NATIONAL && c != IndicatorCode.ALR_MISSING) {
                below.add(c + " has no positive case in the corpus");
            }
        }
        System.out.println("Screening corpus: " + corpus.size() + " notifications" + table);
        assertThat(below).isEmpty();
    }
}

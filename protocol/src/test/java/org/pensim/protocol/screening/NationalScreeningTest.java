package org.pensim.protocol.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.IncidentType;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.screening.national.LicensedOperator;
import org.pensim.protocol.screening.national.NationalKnowledge;
import org.pensim.protocol.screening.national.NationalScreening;
import org.pensim.protocol.testing.NotificationDraft;

/** Each national indicator: a case that must fire and a near miss that must not. */
class NationalScreeningTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-20T09:30:00Z");

    private NationalKnowledge india;
    private NationalScreening screening;
    private final AtomicLong wall = new AtomicLong(1_000_000);

    @BeforeEach
    void setUp() {
        india = new NationalKnowledge(CountryProfiles.standard().of("IN"), SubstanceCatalogue.standard(), Set.of("AF", "MM"));
        india.register().license(new LicensedOperator("Deccan Pharma Formulations Pvt Ltd", "IN",
                List.of(new Identifier("NCB-REG", "TS-HYD-2019-0412")), LocalDate.of(2027, 12, 31), Set.of()));
        Clock flaggedAt = Clock.fixed(SUBMITTED.plus(Duration.ofMinutes(3)), ZoneOffset.UTC);
        screening = new NationalScreening(india, ScreeningPolicy.defaults(), flaggedAt, () -> wall.addAndGet(250_000));
    }

    private RiskAssessment screen(PreExportNotification n) {
        return screening.screen(n, SUBMITTED, 1_000_000);
    }

    private static NotificationDraft licit() {
        // The example, made unremarkable: no transit hub, dispatch after the deadline, known counterpart.
        return NotificationDraft.example().singleItem().transit().set("/expectedDispatchDate", "2026-12-15");
    }

    private void history(int shipments, String kgEach) {
        for (int i = 0; i < shipments; i++) {
            india.record(licit().set("/id", "DE-HIST-" + i)
                    .set("/issuedAt", "2026-0" + (3 + i % 6) + "-10T10:00:00Z")
                    .set("/items/0/netPureKg", kgEach).build());
        }
    }

    private static Set<IndicatorCode> codes(RiskAssessment a) {
        return a.flags().stream().map(Flag::indicator).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void a_licit_notification_from_a_known_counterpart_raises_nothing() {
        history(6, "410");
        RiskAssessment a = screen(licit().build());
        assertThat(a.flags()).isEmpty();
        assertThat(a.score()).isZero();
    }

    @Test
    void every_flag_records_its_time_to_flag_in_simulated_and_wall_clock_time() {
        RiskAssessment a = screen(licit().build());
        Flag f = a.flags().get(0);
        assertThat(f.indicator()).isEqualTo(IndicatorCode.NEW_COUNTERPART);
        assertThat(f.timeToFlag().simulated()).isEqualTo(Duration.ofMinutes(3));
        assertThat(f.timeToFlag().wallClock()).isPositive();
        assertThat(f.flaggedAt()).isEqualTo(SUBMITTED.plus(Duration.ofMinutes(3)));
        assertThat(f.evidence()).containsEntry("substance", "pseudoephedrine");
    }

    @Test
    void alr_exceeded_fires_on_the_cumulative_total_and_not_just_below_it() {
        // IN's illustrative pseudoephedrine ALR is 15,000 kg; the default profile has none, so set one here.
        india = new NationalKnowledge(CountryProfiles.standard().withOverrides(java.util.Map.of("IN",
                new CountryProfiles.ProfileSpec(null, java.util.Map.of("pseudoephedrine", new java.math.BigDecimal("1000")),
                        null, null, null, null, null))).of("IN"), SubstanceCatalogue.standard(), Set.of());
        screening = new NationalScreening(india, ScreeningPolicy.defaults(), Clock.systemUTC(), System::nanoTime);
        india.record(licit().set("/id", "DE-H-1").set("/items/0/netPureKg", "592.448").build());
        assertThat(codes(screen(licit().build()))).doesNotContain(IndicatorCode.ALR_EXCEEDED); // 592.448 + 407.552 = 1000
        india.record(licit().set("/id", "DE-H-2").set("/items/0/netPureKg", "0.001").build());
        RiskAssessment a = screen(licit().build());
        Flag f = a.flags().stream().filter(x -> x.indicator() == IndicatorCode.ALR_EXCEEDED).findFirst().orElseThrow();
        assertThat(f.evidence()).containsEntry("alrKg", "1000").containsEntry("yearToDateKg", "592.449")
                .containsEntry("totalKg", "1000.001");
    }

    @Test
    void alr_missing_fires_for_tracked_substances_only() {
        NationalKnowledge fiji = new NationalKnowledge(CountryProfiles.standard().of("FJ"), SubstanceCatalogue.standard(), Set.of());
        NationalScreening s = new NationalScreening(fiji, ScreeningPolicy.defaults(), Clock.systemUTC(), System::nanoTime);
        assertThat(codes(s.screen(licit().build(), SUBMITTED, 0))).contains(IndicatorCode.ALR_MISSING);
        PreExportNotification acetone = NotificationDraft.example().remove("/items/0").transit().build();
        assertThat(codes(s.screen(acetone, SUBMITTED, 0))).doesNotContain(IndicatorCode.ALR_MISSING);
    }

    @Test
    void unknown_or_unlicensed_operators_fire_and_licensed_ones_do_not() {
        assertThat(codes(screen(licit().build()))).doesNotContain(IndicatorCode.OPERATOR_UNKNOWN);
        // Found by name even without the identifier, whatever the legal form and word order.
        assertThat(codes(screen(licit().remove("/parties/1/identifiers")
                .set("/parties/1/name", "Formulations Deccan Pharma Private Limited").build())))
                .doesNotContain(IndicatorCode.OPERATOR_UNKNOWN);
        RiskAssessment front = screen(licit().remove("/parties/1/identifiers")
                .set("/parties/1/name", "Deccan Pharma Formulations Trading").build());
        assertThat(codes(front)).contains(IndicatorCode.OPERATOR_UNKNOWN);
        india.register().license(new LicensedOperator("Old Licence Chemicals", "IN", List.of(), LocalDate.of(2025, 1, 1), Set.of()));
        RiskAssessment expired = screen(licit().remove("/parties/1/identifiers")
                .set("/parties/1/name", "Old Licence Chemicals Ltd").build());
        assertThat(expired.flags()).anySatisfy(f -> assertThat(f.explanation()).contains("holds no valid licence"));
    }

    @Test
    void intermediary_consignees_fire_and_manufacturers_do_not() {
        assertThat(codes(screen(licit().build()))).doesNotContain(IndicatorCode.INTERMEDIARY_CONSIGNEE);
        assertThat(codes(screen(licit().set("/parties/1/businessType", "TRADING_COMPANY").build())))
                .contains(IndicatorCode.INTERMEDIARY_CONSIGNEE);
        assertThat(codes(screen(licit().set("/parties/1/address/freeTradeZone", true).build())))
                .contains(IndicatorCode.INTERMEDIARY_CONSIGNEE);
        assertThat(codes(screen(licit().set("/parties/1/name", "Sunrise General Trading Co").build())))
                .contains(IndicatorCode.INTERMEDIARY_CONSIGNEE);
    }

    @Test
    void quantity_anomalies_use_the_trailing_pattern() {
        history(6, "100");
        Instant m = Instant.parse("2026-09-20T09:30:00Z");
        PreExportNotification twoAndAHalf = licit().set("/issuedAt", m.toString()).set("/items/0/netPureKg", "250").build();
        PreExportNotification three5 = licit().set("/issuedAt", m.toString()).set("/items/0/netPureKg", "350").build();
        PreExportNotification nearMiss = licit().set("/issuedAt", m.toString()).set("/items/0/netPureKg", "100").build();
        Flag anomalous = screen(twoAndAHalf).flags().stream().filter(f -> f.indicator() == IndicatorCode.QUANTITY_ANOMALY)
                .findFirst().orElseThrow();
        assertThat(anomalous.evidence()).containsEntry("level", "ANOMALOUS").containsEntry("averageShipmentKg", "100");
        Flag extraordinary = screen(three5).flags().stream().filter(f -> f.indicator() == IndicatorCode.QUANTITY_ANOMALY)
                .findFirst().orElseThrow();
        assertThat(extraordinary.evidence()).containsEntry("level", "EXTRAORDINARY");
        assertThat(extraordinary.weight()).isEqualTo(2 * anomalous.weight());
        assertThat(codes(screen(nearMiss))).doesNotContain(IndicatorCode.QUANTITY_ANOMALY);
        // Several ordinary orders in one month pass the largest monthly total of the last six months.
        india.record(licit().set("/id", "DE-SAME-MONTH").set("/issuedAt", m.toString()).set("/items/0/netPureKg", "90").build());
        Flag monthly = screen(nearMiss).flags().stream().filter(f -> f.indicator() == IndicatorCode.QUANTITY_ANOMALY)
                .findFirst().orElseThrow();
        assertThat(monthly.evidence()).containsEntry("level", "ABOVE_MONTHLY_MAXIMUM");
    }

    @Test
    void a_new_counterpart_fires_once_and_not_after_trade() {
        assertThat(codes(screen(licit().build()))).contains(IndicatorCode.NEW_COUNTERPART);
        india.record(licit().build());
        assertThat(codes(screen(licit().build()))).doesNotContain(IndicatorCode.NEW_COUNTERPART);
    }

    @Test
    void risky_routes_fire_for_hubs_of_concern_and_foreign_consignees() {
        assertThat(codes(screen(licit().transit("AE").build()))).doesNotContain(IndicatorCode.RISKY_ROUTE);
        assertThat(codes(screen(licit().transit("AE", "AF").build()))).contains(IndicatorCode.RISKY_ROUTE);
        RiskAssessment foreign = screen(licit().set("/parties/1/role", "CONSIGNEE")
                .set("/parties/2/role", "IMPORTER").set("/parties/2/address/country", "IN")
                .set("/parties/1/address/country", "NP").build());
        assertThat(foreign.flags()).anySatisfy(f -> assertThat(f.explanation())
                .contains("consignee is in NP, not in the importing country IN"));
    }

    @Test
    void parcels_fire_above_the_bulk_threshold_only() {
        assertThat(codes(screen(licit().set("/route/transportMode", "COURIER").build())))
                .contains(IndicatorCode.PARCEL_BULK);
        assertThat(codes(screen(licit().set("/route/transportMode", "COURIER").set("/items/0/netPureKg", "4.9").build())))
                .doesNotContain(IndicatorCode.PARCEL_BULK);
        assertThat(codes(screen(licit().set("/route/transportMode", "AIR").build()))).doesNotContain(IndicatorCode.PARCEL_BULK);
    }

    @Test
    void dispatch_before_the_deadline_fires_and_on_the_deadline_does_not() {
        assertThat(codes(screen(licit().set("/expectedDispatchDate", "2026-12-10").build())))
                .contains(IndicatorCode.DISPATCH_BEFORE_DEADLINE);
        assertThat(codes(screen(licit().set("/expectedDispatchDate", "2026-12-11").build())))
                .doesNotContain(IndicatorCode.DISPATCH_BEFORE_DEADLINE);
    }

    @Test
    void hs_codes_must_exist_for_chemicals_and_match() {
        assertThat(codes(screen(licit().set("/items/0/hsCode", "2915.24").build()))).contains(IndicatorCode.HS_CODE_MISMATCH);
        assertThat(codes(screen(licit().set("/items/0/hsCode", "8471.30").build()))).contains(IndicatorCode.HS_CODE_MISMATCH);
        assertThat(codes(screen(licit().set("/items/0/hsCode", "2939.42").build()))).doesNotContain(IndicatorCode.HS_CODE_MISMATCH);
        assertThat(codes(screen(licit().set("/items/0/form", "PREPARATION").set("/items/0/hsCode", "3004.42").build())))
                .doesNotContain(IndicatorCode.HS_CODE_MISMATCH);
    }

    private static Incident seizure(String name, String country, Identifier... ids) {
        return new Incident("AE-INC-1", IncidentType.SEIZURE, "AE", SUBMITTED.minus(Duration.ofDays(30)),
                LocalDate.of(2026, 10, 1), "pseudoephedrine", null, null,
                List.of(new InvolvedEntity(name, "consignee", new Address("x", "y", null, country, null), List.of(ids))),
                "seized");
    }

    @Test
    void watch_list_matches_by_identifier_dominate_and_names_match_across_scripts_and_word_order() {
        india.learn(seizure("Gulf Star General Trading FZE", "AE", new Identifier("TRADE-LICENCE", "JAFZA-118842")));
        india.learn(seizure("ООО Химпром", "RU"));
        RiskAssessment byId = screen(licit().set("/parties/1/name", "Completely Different Name")
                .set("/parties/1/identifiers/0/scheme", "trade-licence").set("/parties/1/identifiers/0/value", "jafza 118842").build());
        Flag idFlag = byId.flags().stream().filter(f -> f.indicator() == IndicatorCode.WATCHLIST_MATCH).findFirst().orElseThrow();
        assertThat(idFlag.explanation()).contains("by identifier");
        assertThat(idFlag.weight()).isEqualTo(IndicatorCode.WATCHLIST_MATCH.defaultWeight());

        RiskAssessment byName = screen(licit().set("/parties/1/name", "Khimprom LLC").build());
        Flag nameFlag = byName.flags().stream().filter(f -> f.indicator() == IndicatorCode.WATCHLIST_MATCH).findFirst().orElseThrow();
        assertThat(nameFlag.explanation()).contains("'ООО Химпром'").contains("by name");
        assertThat(nameFlag.weight()).isLessThan(idFlag.weight());
        assertThat(codes(screen(licit().set("/parties/1/name", "Star Gulf General Trading L.L.C.").build())))
                .contains(IndicatorCode.WATCHLIST_MATCH);
        assertThat(codes(screen(licit().set("/parties/1/name", "Gulf Coast Pharmaceuticals").build())))
                .doesNotContain(IndicatorCode.WATCHLIST_MATCH);
        assertThat(codes(screen(licit().build()))).doesNotContain(IndicatorCode.WATCHLIST_MATCH);
    }

    @Test
    void surveillance_substances_and_close_substitutes_fire() {
        PreExportNotification benzaldehyde = licit().set("/items/0/substanceId", "benzaldehyde").set("/items/0/cas", "100-52-7")
                .set("/items/0/hsCode", "2912.21").build();
        assertThat(codes(screen(benzaldehyde))).contains(IndicatorCode.SURVEILLANCE_SUBSTANCE, IndicatorCode.CLOSE_SUBSTITUTE);
        PreExportNotification glycidate = licit().set("/items/0/substanceId", "bmk-methyl-glycidate")
                .set("/items/0/cas", "80532-66-7").set("/items/0/hsCode", "2918.99").build();
        RiskAssessment g = screen(glycidate);
        assertThat(codes(g)).contains(IndicatorCode.CLOSE_SUBSTITUTE).doesNotContain(IndicatorCode.SURVEILLANCE_SUBSTANCE);
        assertThat(codes(screen(licit().build()))).doesNotContain(IndicatorCode.CLOSE_SUBSTITUTE, IndicatorCode.SURVEILLANCE_SUBSTANCE);
    }

    @Test
    void dismissed_flags_are_kept_with_who_when_why_and_weigh_nothing_later() {
        PreExportNotification n = licit().set("/parties/1/businessType", "DISTRIBUTOR").build();
        RiskAssessment first = screen(n);
        Flag f = first.flags().stream().filter(x -> x.indicator() == IndicatorCode.INTERMEDIARY_CONSIGNEE).findFirst().orElseThrow();
        Dismissal d = india.dismissals().dismiss(f, "officer.rao", SUBMITTED.plus(Duration.ofHours(2)),
                "licensed distributor of registered medicines, visited 2026-06");
        RiskAssessment later = screen(n.withId("DE-2026-000999"));
        Flag again = later.flags().stream().filter(x -> x.indicator() == IndicatorCode.INTERMEDIARY_CONSIGNEE).findFirst().orElseThrow();
        assertThat(again.dismissal()).isEqualTo(d);
        assertThat(again.effectiveWeight()).isZero();
        assertThat(later.breakdown()).containsEntry(IndicatorCode.INTERMEDIARY_CONSIGNEE, 0.0);
        assertThat(later.score()).isLessThan(first.score());
        assertThat(india.dismissals().history()).containsExactly(d);
        assertThat(later.flagged(IndicatorCode.INTERMEDIARY_CONSIGNEE)).isFalse();
    }

    @Test
    void the_score_is_the_sum_of_the_weights_with_a_breakdown_and_policies_change_it() {
        PreExportNotification n = licit().set("/route/transportMode", "POST").set("/expectedDispatchDate", "2026-12-01").build();
        RiskAssessment a = screen(n);
        assertThat(a.score()).isEqualTo(a.breakdown().values().stream().mapToDouble(Double::doubleValue).sum());
        NationalScreening lenient = new NationalScreening(india, ScreeningPolicy.defaults()
                .withEnabled(IndicatorCode.PARCEL_BULK, false).withWeight(IndicatorCode.NEW_COUNTERPART, 0),
                Clock.systemUTC(), System::nanoTime);
        RiskAssessment b = lenient.screen(n, SUBMITTED, 0);
        assertThat(codes(b)).doesNotContain(IndicatorCode.PARCEL_BULK);
        assertThat(b.score()).isLessThan(a.score());
        assertThat(ScreeningPolicy.defaults().withThreshold(IndicatorCode.PARCEL_BULK, "bulkKg", 500)
                .threshold(IndicatorCode.PARCEL_BULK, "bulkKg")).isEqualTo(500);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScreeningPolicy.defaults()
                .withThreshold(IndicatorCode.PARCEL_BULK, "bulk", 1)).hasMessageContaining("has no threshold named 'bulk'");
    }
}
